package org.ebc.hardware.s0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.junit.jupiter.api.Test;

class S0ConfigTest {

    private static S0Config config(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return S0Config.fromSettings(Settings.of(m));
    }

    @Test
    void defaultsSuitAnOptocouplerWithPullUp() {
        S0Config c = config(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000");
        assertThat(c.pull()).isEqualTo(PullResistance.PULL_UP);
        assertThat(c.activeHigh()).isFalse();
        assertThat(c.exportPin()).isEmpty();
        assertThat(c.debounce()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.maxPulseRateHz()).isEqualTo(17);
        assertThat(c.minPulseIntervalNanos()).isEqualTo(1_000_000_000L / 17);
        assertThat(config(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000", S0Config.PULL, "down")
                        .activeHigh())
                .isTrue();
    }

    @Test
    void theMeterConstantAndImportPinAreRequired() {
        assertThatThrownBy(() -> config(S0Config.IMPORT_PIN, "17"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.impulses-per-kwh");
        assertThatThrownBy(() -> config(S0Config.IMPULSES_PER_KWH, "1000"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.import.pin");
    }

    @Test
    void badValuesAreNamedWithTheirKey() {
        assertThatThrownBy(() -> config(S0Config.IMPORT_PIN, "99", S0Config.IMPULSES_PER_KWH, "1000"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.import.pin")
                .hasMessageContaining("'99'");
        assertThatThrownBy(() ->
                        config(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000", S0Config.PULL, "sideways"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.pull")
                .hasMessageContaining("sideways");
        assertThatThrownBy(() ->
                        config(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000", S0Config.EXPORT_PIN, "17"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.export.pin");
        assertThatThrownBy(() -> config(
                        S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000", S0Config.DEBOUNCE, "2 weeks"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.debounce");
    }

    @Test
    void aDebounceTooLongForTheRateLimitIsRefused() {
        // 40 ms debounce: a pulse needs 80 ms on and off, but 17 Hz allows 58 ms per period
        assertThatThrownBy(() ->
                        config(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000", S0Config.DEBOUNCE, "40ms"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.debounce")
                .hasMessageContaining("meter.s0.max-pulse-rate-hz=17");
    }
}
