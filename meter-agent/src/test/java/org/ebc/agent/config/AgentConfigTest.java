package org.ebc.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.ocmf.ClockStatus;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("node.id", "node-1");
        m.put("eag.id", "eag-1");
        m.put("broker.url", "tcp://127.0.0.1:1883");
        return m;
    }

    private static AgentConfig with(String key, String value) {
        Map<String, String> m = minimal();
        m.put(key, value);
        return AgentSettings.of(Settings.of(m)).agent();
    }

    @Test
    void theDefaultsAreTenSecondReadingsInQuarterHourSlotsAndAHundredThousandRecordOutbox() {
        AgentConfig c = AgentSettings.of(Settings.of(minimal())).agent();
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.slot()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.outboxLimit()).isEqualTo(100_000);
        assertThat(c.window()).isEqualTo(100);
        assertThat(c.onMeterFault()).isEqualTo(AgentConfig.FaultPolicy.SIGN);
        assertThat(c.dataDir().toString()).isEqualTo("/var/lib/ebc-meter-agent");
        assertThat(c.nodeKey().toString()).isEqualTo("/etc/ebc/keys/node.key");
        assertThat(c.tls()).isFalse();
    }

    @Test
    void aTypoInAKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> with("reading.intervall", "5s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reading.intervall")
                .hasMessageContaining("unknown key");
    }

    @Test
    void theMeterDriversKeysBelongInTheSameFile() {
        Map<String, String> m = minimal();
        m.put("meter.type", "simulated");
        m.put("sim.acceleration", "60");
        m.put("platform", "mock");
        assertThat(AgentSettings.of(Settings.of(m)).meterModel()).isEqualTo("simulated");
    }

    @Test
    void aBadBrokerUrlNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> with("broker.url", "http://gateway:1883"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broker.url")
                .hasMessageContaining("http://gateway:1883");
        assertThat(with("broker.url", "ssl://gateway.local:8883").tls()).isTrue();
    }

    @Test
    void aMissingNodeIdIsAnError() {
        Map<String, String> m = minimal();
        m.remove("node.id");
        assertThatThrownBy(() -> AgentSettings.of(Settings.of(m)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.id");
    }

    @Test
    void aNodeIdThatCannotBeATopicLevelIsRefused() {
        assertThatThrownBy(() -> with("node.id", "a/b"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'a/b'");
    }

    @Test
    void aRelativeDataDirectoryIsRefused() {
        assertThatThrownBy(() -> with("data.dir", "var/lib"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data.dir");
    }

    @Test
    void outOfRangeNumbersAndDurationsNameTheKey() {
        assertThatThrownBy(() -> with("outbox.max-records", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbox.max-records");
        assertThatThrownBy(() -> with("reading.interval", "10 parsecs"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reading.interval");
        assertThatThrownBy(() -> with("reading.on-meter-fault", "ignore"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sign, skip");
    }

    @Test
    void theClockLetterIsFixedOrDerived() {
        assertThat(with("clock.status", "S").clockStatus().current()).isEqualTo(ClockStatus.S);
        assertThat(with("clock.status", "auto").clockStatus().toString())
                .contains("/run/systemd/timesync/synchronized");
        assertThatThrownBy(() -> with("clock.status", "X"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clock.status");
    }

    @Test
    void theReconnectCeilingMayNotBeBelowTheFloor() {
        Map<String, String> m = minimal();
        m.put("broker.reconnect.min-delay", "10s");
        m.put("broker.reconnect.max-delay", "1s");
        assertThatThrownBy(() -> AgentSettings.of(Settings.of(m)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broker.reconnect.max-delay");
    }
}
