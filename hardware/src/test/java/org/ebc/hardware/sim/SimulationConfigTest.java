package org.ebc.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.hardware.s0.S0Config;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    private static Settings settings(String... keyValues) {
        Map<String, String> m = new HashMap<>(
                Map.of(S0Config.IMPORT_PIN, "17", S0Config.EXPORT_PIN, "27", S0Config.IMPULSES_PER_KWH, "1000"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(m);
    }

    @Test
    void defaultsAreAHouseholdInRealTimeFromNoon() {
        SimulationConfig c = SimulationConfig.fromSettings(settings());
        assertThat(c.profile()).isEqualTo(ProfileKind.HOUSEHOLD);
        assertThat(c.acceleration()).isEqualTo(1);
        assertThat(c.startTime()).isEqualTo(LocalTime.NOON);
        assertThat(c.duration()).isEmpty();
        c.requireFeasibleWith(S0Config.fromSettings(settings()));
    }

    @Test
    void keysAreReadAndBadValuesNamed() {
        SimulationConfig c = SimulationConfig.fromSettings(settings(
                SimulationConfig.PROFILE,
                "pv",
                SimulationConfig.SEED,
                "-5",
                SimulationConfig.START_TIME,
                "6:30",
                SimulationConfig.DURATION,
                "24h",
                SimulationConfig.PEAK_POWER,
                "3000"));
        assertThat(c.profile()).isEqualTo(ProfileKind.PV);
        assertThat(c.seed()).isEqualTo(-5);
        assertThat(c.startTime()).isEqualTo(LocalTime.of(6, 30));
        assertThat(c.duration()).contains(Duration.ofHours(24));
        assertThatThrownBy(() -> SimulationConfig.fromSettings(settings(SimulationConfig.PROFILE, "windmill")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sim.profile")
                .hasMessageContaining("windmill");
        assertThatThrownBy(() -> SimulationConfig.fromSettings(settings(SimulationConfig.START_TIME, "noon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sim.start-time");
    }

    @Test
    void aRateAboveThePlausibilityLimitIsRefusedAtStartNamingTheKeys() {
        // 5000 W × 1000 imp/kWh × 60 / 3.6e6 = 83.4 pulses/s > 17 Hz
        Settings s = settings(SimulationConfig.ACCELERATION, "60");
        SimulationConfig c = SimulationConfig.fromSettings(s);
        assertThat(c.peakPulseRateHz(S0Config.fromSettings(s))).isEqualTo(84);
        assertThatThrownBy(() -> c.requireFeasibleWith(S0Config.fromSettings(s)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sim.acceleration")
                .hasMessageContaining("'60'")
                .hasMessageContaining("meter.s0.max-pulse-rate-hz=17")
                .hasMessageContaining("meter.s0.impulses-per-kwh");
    }

    @Test
    void aRateTheDebounceCannotResolveIsRefusedNamingTheDebounce() {
        // 84 pulses/s is under a 100 Hz limit, but 5 ms debounce needs 20 ms per pulse: at most 50/s
        Settings s = settings(SimulationConfig.ACCELERATION, "60", S0Config.MAX_PULSE_RATE_HZ, "100");
        SimulationConfig c = SimulationConfig.fromSettings(s);
        assertThatThrownBy(() -> c.requireFeasibleWith(S0Config.fromSettings(s)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sim.acceleration")
                .hasMessageContaining("meter.s0.debounce");
    }

    @Test
    void anExportingProfileNeedsAnExportInput() {
        Settings s = Settings.of(Map.of(
                S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000", SimulationConfig.PROFILE, "prosumer"));
        assertThatThrownBy(() -> SimulationConfig.fromSettings(s).requireFeasibleWith(S0Config.fromSettings(s)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.export.pin");
    }
}
