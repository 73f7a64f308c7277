package org.ebc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.ebc.ocmf.OcmfCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's configuration file: defaults, and every bad value named with its key. */
class GatewayConfigTest {
    @TempDir
    Path dir;

    private Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("eag.id", "eag-1");
        m.put("data.dir", dir.toString());
        return m;
    }

    private GatewayConfig config(Map<String, String> m) {
        return GatewayConfig.of(m, Clock.systemUTC());
    }

    @Test
    void aMinimalFileGetsSensibleDefaults() {
        GatewayConfig c = config(minimal());

        assertThat(c.eag().value()).isEqualTo("eag-1");
        assertThat(c.keysDir()).isEqualTo(dir.resolve("keys"));
        assertThat(c.authorityDir()).isEmpty();
        assertThat(c.clientId()).isEqualTo("ebc-gateway-eag-1");
        assertThat(c.maxRecordBytes()).isEqualTo(OcmfCodec.MAX_RECORD_BYTES);
        assertThat(c.commitWindow()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.commitMaxRecords()).isEqualTo(1_000);
        assertThat(c.maxClockAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.verifyThreads()).isBetween(1, 4);
        assertThat(c.broker().endpoint()).isInstanceOf(BrokerEndpoint.Embedded.class);
    }

    @Test
    void everyKeyCanBeSet() {
        Map<String, String> m = minimal();
        m.put("keys.dir", "/etc/ebc/keys");
        m.put("authority.dir", "/srv/authority");
        m.put("mqtt.client.id", "gw-A");
        m.put("ingress.max.record.bytes", "4096");
        m.put("ingress.reconnect.min", "250ms");
        m.put("ingress.reconnect.max", "10s");
        m.put("verify.threads", "3");
        m.put("verify.queue.capacity", "500");
        m.put("verify.clock.max.ahead", "30s");
        m.put("storage.commit.window", "2ms");
        m.put("storage.commit.max.records", "200");
        m.put("storage.queue.capacity", "1000");
        m.put("storage.rejection.log.rows", "1000");
        m.put("trust.check.interval", "1s");
        m.put("broker.mode", "external");
        m.put("broker.url", "tcp://127.0.0.1:1883");

        GatewayConfig c = config(m);

        assertThat(c.keysDir()).isEqualTo(Path.of("/etc/ebc/keys"));
        assertThat(c.authorityDir()).contains(Path.of("/srv/authority"));
        assertThat(c.clientId()).isEqualTo("gw-A");
        assertThat(c.maxRecordBytes()).isEqualTo(4096);
        assertThat(c.reconnectMin()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.verifyThreads()).isEqualTo(3);
        assertThat(c.commitWindow()).isEqualTo(Duration.ofMillis(2));
        assertThat(c.commitMaxRecords()).isEqualTo(200);
        assertThat(c.trustCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.broker().endpoint()).isInstanceOf(BrokerEndpoint.External.class);
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        Map<String, String> m = minimal();
        m.put("storage.comit.window", "5ms");

        assertThatThrownBy(() -> config(m))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.comit.window")
                .hasMessageContaining("unknown key");
    }

    @Test
    void requiredKeysAreNamedWhenMissing() {
        Map<String, String> noEag = minimal();
        noEag.remove("eag.id");
        Map<String, String> noData = minimal();
        noData.remove("data.dir");

        assertThatThrownBy(() -> config(noEag))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("eag.id");
        assertThatThrownBy(() -> config(noData))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data.dir");
    }

    @Test
    void badValuesAreRefusedWithKeyAndValue() {
        assertBad("eag.id", "eag/1");
        assertBad("ingress.max.record.bytes", "100000");
        assertBad("verify.threads", "0");
        assertBad("storage.commit.window", "fast");
        assertBad("storage.commit.max.records", "-1");
        assertBad("mqtt.client.id", "has space");
        assertBad("verify.clock.max.ahead", "2d");
        assertBad("broker.mode", "cloud");
    }

    @Test
    void aReconnectMaximumBelowTheMinimumIsRefused() {
        Map<String, String> m = minimal();
        m.put("ingress.reconnect.min", "5s");
        m.put("ingress.reconnect.max", "1s");

        assertThatThrownBy(() -> config(m))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingress.reconnect.max");
    }

    @Test
    void aFileIsReadAndAMissingFileIsNamed() throws Exception {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "eag.id = eag-7\ndata.dir = " + dir + "\n");

        assertThat(GatewayConfig.load(file, Clock.systemUTC()).eag().value()).isEqualTo("eag-7");
        assertThatThrownBy(() -> GatewayConfig.load(dir.resolve("nope.properties"), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.properties");
    }

    private void assertBad(String key, String value) {
        Map<String, String> m = minimal();
        m.put(key, value);
        assertThatThrownBy(() -> config(m))
                .as(key)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }
}
