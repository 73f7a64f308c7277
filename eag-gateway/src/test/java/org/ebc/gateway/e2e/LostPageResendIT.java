package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.bench.AgentConfigFile;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchMeter;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.bench.GatewayProcess;
import org.ebc.gateway.bench.MeterRoster;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.testing.MosquittoBroker;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A page lost between the broker's PUBACK and the gateway's commit: the gateway process halts exactly there (a
 * test crash point, as a power cut would), Mosquitto has already forgotten the page, and the agent, whose
 * acknowledgement timeout is 30 s, still holds it. After the restart the next page opens a gap; the gateway asks
 * the agent to publish the missing page again, and it is back within 2 s, long before the agent's own timeout.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LostPageResendIT {
    static final long LOST_PAGE = 12;

    @Test
    void aPageLostBetweenPubackAndCommitIsBackWithinTwoSecondsOfTheGap() throws Exception {
        Path root = EndToEnd.freshDirectory("lost-page");
        try (MosquittoBroker mosquitto = MosquittoBroker.start(root.resolve("mosquitto"))) {
            BenchSite site = BenchSite.prepare(
                    root, EagId.of("eag-resend"), MeterRoster.plan(1, "node-"), java.time.Clock.systemUTC(), s -> {});
            site.gatewaySettings(EndToEnd.gateway(EndToEnd.externalBroker(mosquitto.url())));
            BenchMeter meter = site.meters().get(0);
            Path log = root.resolve("gateway.log");
            Path db = GatewayDatabase.file(site.gatewayDir());
            GatewayProcess g = EndToEnd.startGateway(
                    site.gatewayProperties(),
                    log,
                    List.of("-Debc.test.halt-before-commit=" + meter.meterSerial() + ":" + LOST_PAGE));
            g.awaitSubscribed(Duration.ofSeconds(90));
            AgentFleet agents = AgentFleet.start(
                    AgentFleet.currentJava(),
                    EndToEnd.agentJar(),
                    site.writeAgentConfigs(
                            mosquitto.url(),
                            new AgentConfigFile.Tuning(
                                    Duration.ofMillis(300),
                                    EndToEnd.ACCELERATION,
                                    Map.of("outbox.ack-timeout", "30s", "trading.enabled", "false"))),
                    root,
                    List.of("-Xmx256m"));
            try {
                assertThat(g.awaitExit(Duration.ofSeconds(90)))
                        .as("the gateway halted at its crash point")
                        .isEqualTo(137);
                assertThat(receivedAt(db, meter, LOST_PAGE))
                        .as("the lost page was never committed")
                        .isNull();
                g = EndToEnd.startGateway(site.gatewayProperties(), log);
                g.awaitSubscribed(Duration.ofSeconds(90));

                await("page T" + LOST_PAGE + " stored after the restart")
                        .atMost(Duration.ofSeconds(25))
                        .until(() -> receivedAt(db, meter, LOST_PAGE) != null);
                long lost = receivedAt(db, meter, LOST_PAGE);
                long gapOpened = single(
                        db,
                        "SELECT detected_ms FROM gap_events WHERE first_missing <= " + LOST_PAGE
                                + " AND last_missing >= " + LOST_PAGE);
                System.out.println("lost page back " + (lost - gapOpened) + " ms after the gap was detected");
                assertThat(lost - gapOpened)
                        .as("ms from the gap to the lost page stored")
                        .isBetween(0L, 2_000L);
                assertThat(single(db, "SELECT COUNT(*) FROM gap_events WHERE closed_ms IS NULL"))
                        .isZero();
            } finally {
                agents.stop(Duration.ofSeconds(10));
                g.close();
            }
        }
    }

    static Long receivedAt(Path db, BenchMeter m, long page) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                PreparedStatement p =
                        c.prepareStatement("SELECT received_ms FROM readings WHERE meter_serial = ? AND page = ?")) {
            p.setString(1, m.meterSerial());
            p.setLong(2, page);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    static long single(Path db, String sql) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                var s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : -1;
        }
    }
}
