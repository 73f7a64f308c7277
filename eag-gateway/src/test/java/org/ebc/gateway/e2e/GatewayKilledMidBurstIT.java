package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.bench.GatewayProcess;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway process is killed with SIGKILL at {@value #KILLS} random (seeded) points while ten agents
 * deliver a burst through Mosquitto, and restarted each time. A reading is acknowledged only after its
 * fsync'd commit, and an agent keeps a record until acknowledged, so: nothing is lost, nothing is stored
 * twice (queried over (meter, page)), and SQLite's integrity check passes.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class GatewayKilledMidBurstIT {
    static final int KILLS = 20;
    static final long SEED = 20_261_121L;

    @Test
    void everyRecordIsStoredExactlyOnceThoughTheGatewayIsKilledTwentyTimesMidBurst() throws Exception {
        Path root = EndToEnd.freshDirectory("gateway-kill9");
        Random random = new Random(SEED);
        try (MosquittoBroker mosquitto = MosquittoBroker.start(root.resolve("mosquitto"))) {
            BenchSite site = EndToEnd.site(root);
            site.gatewaySettings(EndToEnd.gateway(EndToEnd.externalBroker(mosquitto.url())));
            Path db = GatewayDatabase.file(site.gatewayDir());
            Path log = root.resolve("gateway.log");
            List<Long> killedAt = new ArrayList<>();
            // The gateway first: its persistent session must exist before the agents publish, or Mosquitto has no one
            // to queue for.
            GatewayProcess first = EndToEnd.startGateway(site.gatewayProperties(), log);
            try (first;
                    AgentFleet agents = startAgentsOnceSubscribed(first, site, mosquitto.url())) {
                for (int kill = 1; kill <= KILLS; kill++) {
                    try (GatewayProcess gateway =
                            kill == 1 ? first : EndToEnd.startGateway(site.gatewayProperties(), log)) {
                        gateway.awaitSubscribed(Duration.ofSeconds(90));
                        // A random point of this run: after it has stored between 20 and 300 more readings.
                        long target = stored(db) + 20 + random.nextInt(281);
                        await("gateway stores up to " + target + " readings")
                                .atMost(Duration.ofSeconds(90))
                                .pollInterval(Duration.ofMillis(25))
                                .until(() -> stored(db) >= target);
                        gateway.kill9();
                        killedAt.add(stored(db));
                    }
                }
                long total = (long) EndToEnd.METERS * EndToEnd.PAGES;
                System.out.printf(
                        "e2e gateway kill -9: %d kills, at %s stored readings (of %d)%n", KILLS, killedAt, total);
                assertThat(killedAt)
                        .as("every kill hit the burst, before all was stored")
                        .allMatch(n -> n < total);

                try (GatewayProcess gateway = EndToEnd.startGateway(site.gatewayProperties(), log)) {
                    gateway.awaitSubscribed(Duration.ofSeconds(90));
                    EndToEnd.awaitEveryRecordAcknowledged(site, agents, EndToEnd.DELIVERY);
                    assertThat(gateway.terminate()).as("clean stop on SIGTERM").isEqualTo(143);
                }
            }
            assertThat(EndToEnd.pagesByMeter(db)).as("0 lost, 0 duplicated").isEqualTo(EndToEnd.everyPageOnce(site));
            assertThat(EndToEnd.integrityCheck(db)).containsExactly("ok");
            assertThat(EndToEnd.openGapEvents(db)).isZero();
        }
    }

    private static AgentFleet startAgentsOnceSubscribed(GatewayProcess gateway, BenchSite site, String brokerUrl)
            throws InterruptedException {
        gateway.awaitSubscribed(Duration.ofSeconds(90));
        return EndToEnd.startAgents(site, brokerUrl);
    }

    private static long stored(Path db) {
        try {
            return EndToEnd.storedReadings(db);
        } catch (java.sql.SQLException e) {
            return 0; // before the first start there is no database yet
        }
    }
}
