package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mosquitto is killed with SIGKILL in the middle of a burst from ten agents, losing whatever it held in
 * memory (queued readings, acknowledgements on their way), and restarted. A broker's PUBACK is not
 * durability: the agents still hold every unacknowledged record and send it again, so nothing is lost end
 * to end and nothing is stored twice.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MosquittoKilledMidBurstIT {

    @Test
    void noRecordIsLostWhenMosquittoIsKilledMidBurst() throws Exception {
        Path root = EndToEnd.freshDirectory("mosquitto-kill9");
        try (MosquittoBroker mosquitto = MosquittoBroker.start(root.resolve("mosquitto"))) {
            BenchSite site = EndToEnd.site(root);
            try (Gateway gateway = Gateway.start(GatewayConfig.of(
                    site.gatewaySettings(EndToEnd.gateway(EndToEnd.externalBroker(mosquitto.url()))),
                    Clock.systemUTC()))) {
                assertThat(gateway.awaitReady(Duration.ofSeconds(60))).isTrue();
                long total = (long) EndToEnd.METERS * EndToEnd.PAGES;
                try (AgentFleet agents = EndToEnd.startAgents(site, mosquitto.url())) {
                    await("a third of the burst stored")
                            .atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> gateway.stats().readingsStored() >= total / 3);
                    mosquitto.kill9();
                    long storedAtKill = gateway.stats().readingsStored();
                    await("the gateway notices the broker is gone")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> !gateway.stats().connected());
                    mosquitto.restart();
                    await("the gateway reconnects")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> gateway.stats().connected());
                    System.out.printf(
                            "e2e mosquitto kill -9: killed at %d of %d readings stored%n", storedAtKill, total);
                    assertThat(storedAtKill).as("killed mid-burst").isLessThan(total);

                    EndToEnd.awaitEveryRecordAcknowledged(site, agents, EndToEnd.DELIVERY);
                }
                assertThat(gateway.stats().rejectedTotal())
                        .as("rejections by reason: %s", gateway.stats().rejectedByReason())
                        .isZero();
                assertThat(EndToEnd.pagesByMeter(gateway.database()))
                        .as("0 lost, 0 duplicated")
                        .isEqualTo(EndToEnd.everyPageOnce(site));
                assertThat(EndToEnd.openGapEvents(gateway.database())).isZero();
            }
        }
    }
}
