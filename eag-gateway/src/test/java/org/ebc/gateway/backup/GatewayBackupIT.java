package org.ebc.gateway.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.config.ConfigException;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.GatewayFixture;
import org.ebc.gateway.TestMeter;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a gateway to new hardware: a backup taken while a meter's readings are being committed is one
 * consistent snapshot (integrity_check ok, pages 1..n with none missing), a restore refuses while that
 * gateway runs, and a gateway started on the restored data on "new hardware" carries on from the last page.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GatewayBackupIT {
    @TempDir
    Path root;

    private static Map<String, String> embedded(GatewayFixture f) {
        Map<String, String> m = new HashMap<>(f.settings("tcp://unused:1"));
        m.put("broker.mode", "embedded");
        m.remove("broker.url");
        m.put("broker.port", "0");
        return m;
    }

    private static long[] pages(Path db) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT page), MIN(page), MAX(page) FROM readings")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    @Test
    void aBackupTakenWhileReadingsAreCommittedRestoresOnNewHardwareWhereTheGatewayCarriesOn() throws Exception {
        GatewayFixture old = GatewayFixture.create(root.resolve("old"), "eag-backup");
        TestMeter meter = new TestMeter(old.authority, "node-b1", "SER-B1");
        Path backup = root.resolve("backup");
        AtomicLong published = new AtomicLong();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Map<String, String> settings = embedded(old);
        try (Gateway gateway = Gateway.start(GatewayConfig.of(settings, Clock.systemUTC()))) {
            assertThat(gateway.awaitReady(Duration.ofSeconds(60))).isTrue();
            MqttClient c = new MqttClient(gateway.brokerUri(), "node-b1", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMaxInflight(1000);
            c.connect(o);
            c.publish(meter.certificateTopic(old.eag), meter.certificatePem(), 1, true);
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.stats().knownNodes() == 1);
            Thread publisher = new Thread(() -> {
                Instant t0 = Instant.now().minusSeconds(100_000);
                try {
                    for (long page = 1; publishing.get(); page++) {
                        c.publish(
                                Topics.reading(old.eag, meter.nodeId()),
                                meter.reading(page, 1_000 + page, page, t0.plusSeconds(page)),
                                1,
                                false);
                        published.set(page);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publisher.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.stats().readingsStored() > 200);

            GatewayBackup.Summary s =
                    GatewayBackup.write(old.dataDir, old.keysDir, Optional.empty(), backup, Clock.systemUTC());
            long storedAfterBackup = gateway.stats().readingsStored();
            assertThat(s.integrity()).isEqualTo("ok");
            assertThat(s.keys()).isTrue();
            long[] copy = pages(backup.resolve("gateway.db"));
            // A consistent snapshot: every page up to the last one in it, each once, and it kept writing meanwhile.
            assertThat(copy[0]).isPositive().isEqualTo(copy[1]).isEqualTo(copy[3]);
            assertThat(copy[2]).isEqualTo(1);
            assertThat(s.readings()).isEqualTo(copy[0]);
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.stats().readingsStored() > storedAfterBackup);

            assertThatThrownBy(() -> GatewayRestore.restore(backup, old.dataDir, old.keysDir, true, Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("running");
            publishing.set(false);
            publisher.join(30_000);
            c.disconnect();
            c.close();
        }

        // New hardware: an empty data directory and no keys; the backup brings both.
        Path newData = root.resolve("new/data");
        Path newKeys = root.resolve("new/keys");
        GatewayRestore.Summary r = GatewayRestore.restore(backup, newData, newKeys, false, Clock.systemUTC());
        assertThat(r.keysRestored()).isTrue();
        assertThat(Files.readString(newKeys.resolve("eag.crt")))
                .isEqualTo(Files.readString(old.keysDir.resolve("eag.crt")));
        assertThat(GatewayBackup.integrity(GatewayDatabase.file(newData))).isEqualTo("ok");
        assertThatThrownBy(() -> GatewayRestore.restore(backup, newData, newKeys, false, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--replace");

        long last = pages(GatewayDatabase.file(newData))[3];
        Map<String, String> moved = new HashMap<>(settings);
        moved.put("data.dir", newData.toString());
        moved.put("keys.dir", newKeys.toString());
        try (Gateway gateway = Gateway.start(GatewayConfig.of(moved, Clock.systemUTC()))) {
            assertThat(gateway.awaitReady(Duration.ofSeconds(60))).isTrue();
            assertThat(gateway.stats().knownNodes()).isEqualTo(1);
            MqttClient c = new MqttClient(gateway.brokerUri(), "node-b1", new MemoryPersistence());
            c.connect();
            Instant t0 = Instant.now().minusSeconds(100_000);
            c.publish(
                    Topics.reading(old.eag, meter.nodeId()),
                    meter.reading(last + 1, 1_000 + last + 1, last + 1, t0.plusSeconds(last + 1)),
                    1,
                    false);
            await().atMost(Duration.ofSeconds(30)).until(() -> pages(GatewayDatabase.file(newData))[3] == last + 1);
            assertThat(gateway.stats().rejectedTotal()).isZero();
            c.disconnect();
            c.close();
        }
    }
}
