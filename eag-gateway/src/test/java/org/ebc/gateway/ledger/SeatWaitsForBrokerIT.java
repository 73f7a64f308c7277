package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ebc.testing.MosquittoBroker;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site broker that is down when the gateway starts does not stop its seat (as it does not stop the ingress): the
 * seat starts islanded, connects when the broker comes, and takes part in consensus from then on. Without waiting
 * (tools, tests), an unreachable broker still fails the start.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SeatWaitsForBrokerIT {
    @TempDir
    Path tmp;

    @Test
    void seatsStartedBeforeTheirBrokerCommitBlocksOnceItIsUp() throws Exception {
        int port = MosquittoBroker.freePort();
        String url = "tcp://127.0.0.1:" + port;
        try (Seats seats = new Seats(tmp, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> seats.start(1, url, Seats.fast(), Duration.ofMillis(300)))
                    .isInstanceOf(MqttException.class);
            seats.stopAll();
        }
        try (Seats seats = new Seats(tmp.resolve("waiting"), Duration.ofMillis(300))) {
            List<ConsortiumNode> running = new ArrayList<>();
            for (int e = 1; e <= 3; e++) {
                running.add(seats.start(
                        e,
                        url,
                        Seats.fast(),
                        Duration.ofMillis(300),
                        seats.enrollments(),
                        ConsortiumNode.PendingTransactions.NONE,
                        (block, certified) -> {},
                        true));
            }
            Thread.sleep(2000);
            assertThat(Seats.minHeight(running))
                    .as("nothing committed without a broker")
                    .isZero();

            try (MosquittoBroker broker = MosquittoBroker.startWithConfig(
                    tmp.resolve("broker"),
                    "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                            + MosquittoBroker.commonConfig(tmp.resolve("broker")),
                    port)) {
                Seats.await(
                        "blocks once the broker is up", Duration.ofSeconds(60), () -> Seats.minHeight(running) >= 3);
                Seats.assertOneChain(seats.stores, 3);
                assertThat(broker.url()).isEqualTo(url);
            }
        }
    }
}
