package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.GatewayStats;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ten meter agents in one real agent process, each signing 1,000 records from a simulated meter on mock
 * GPIO, delivered through a real broker to a real gateway: every record ends up in the gateway's SQLite
 * file exactly once (pages 1..1000 per meter, no duplicates) and acknowledged (every agent's outbox empty,
 * nothing quarantined). Once through the gateway's embedded broker, once through Mosquitto.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TenAgentsEndToEndIT {

    @Test
    void tenAgentsDeliverAThousandRecordsEachThroughTheEmbeddedBroker() throws Exception {
        Path root = EndToEnd.freshDirectory("embedded");
        BenchSite site = EndToEnd.site(root);
        Map<String, String> embedded = Map.of(BrokerSettings.MODE, "embedded", BrokerSettings.PORT, "0");
        try (Gateway gateway =
                Gateway.start(GatewayConfig.of(site.gatewaySettings(EndToEnd.gateway(embedded)), Clock.systemUTC()))) {
            assertThat(gateway.awaitReady(Duration.ofSeconds(60)))
                    .as("gateway connected to its embedded broker")
                    .isTrue();
            deliverAndCheck(site, gateway, gateway.brokerUri());
        }
    }

    @Test
    void tenAgentsDeliverAThousandRecordsEachThroughMosquitto() throws Exception {
        Path root = EndToEnd.freshDirectory("mosquitto");
        try (MosquittoBroker mosquitto = MosquittoBroker.start(root.resolve("mosquitto"))) {
            BenchSite site = EndToEnd.site(root);
            try (Gateway gateway = Gateway.start(GatewayConfig.of(
                    site.gatewaySettings(EndToEnd.gateway(EndToEnd.externalBroker(mosquitto.url()))),
                    Clock.systemUTC()))) {
                assertThat(gateway.awaitReady(Duration.ofSeconds(60)))
                        .as("gateway connected to Mosquitto")
                        .isTrue();
                deliverAndCheck(site, gateway, mosquitto.url());
            }
        }
    }

    private static void deliverAndCheck(BenchSite site, Gateway gateway, String brokerUrl) throws Exception {
        long t0 = System.nanoTime();
        try (AgentFleet agents = EndToEnd.startAgents(site, brokerUrl)) {
            EndToEnd.awaitEveryRecordAcknowledged(site, agents, EndToEnd.DELIVERY);
            System.out.printf(
                    "e2e %s: %d meters × %d records signed, stored and acknowledged in %.1f s (agent JVM start included)%n",
                    brokerUrl, EndToEnd.METERS, EndToEnd.PAGES, (System.nanoTime() - t0) / 1e9);
            assertThat(agents.stop(Duration.ofSeconds(30)))
                    .as("the agent process stops cleanly on SIGTERM")
                    .containsExactly(143);
        }
        GatewayStats s = gateway.stats();
        assertThat(s.rejectedTotal())
                .as("rejections by reason: %s", s.rejectedByReason())
                .isZero();
        assertThat(EndToEnd.pagesByMeter(gateway.database())).isEqualTo(EndToEnd.everyPageOnce(site));
        assertThat(EndToEnd.openGapEvents(gateway.database())).isZero();
    }
}
