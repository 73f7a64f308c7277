package org.ebc.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.ebc.config.Settings;
import org.ebc.hardware.Direction;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.hardware.s0.S0Config;
import org.ebc.hardware.s0.S0Meter;
import org.ebc.units.MeterSerial;
import org.junit.jupiter.api.Test;

class MeterSimulatorIT {

    @Test
    void aProfileFasterThanTheDriverAcceptsIsSlowedDownNeverCutShort() {
        // 1 MW at 100,000 imp/kWh wants a pulse every 36 µs, the first one 36 µs after start; the S0 driver
        // (5 ms debounce, 17 Hz limit) needs the line off for 10 ms before the first pulse and 59 ms between
        // leading edges. One profile millisecond holds 27 pulses.
        S0Config s0Config = S0Config.fromSettings(
                Settings.of(Map.of(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "100000")));
        Duration duration = Duration.ofMillis(1);
        SimulationConfig simConfig =
                new SimulationConfig(ProfileKind.HOUSEHOLD, 1, 1, 1_000_000, LocalTime.NOON, Optional.of(duration));
        LoadProfile oneMegawatt = second -> 1_000_000;
        long scheduled = 0;
        PulseSchedule offline = new PulseSchedule(oneMegawatt, s0Config.constant());
        while (offline.next(duration.toNanos()) != null) {
            scheduled++;
        }

        Context pi4j = Pi4jContexts.mock();
        try (S0Meter s0 = S0Meter.open(MeterSerial.of("SIM-FAST"), s0Config, pi4j, System::nanoTime);
                MeterSimulator sim = MeterSimulator.startUnchecked(
                        simConfig,
                        oneMegawatt,
                        s0Config,
                        (MockDigitalInput) s0.input(Direction.IMPORT).orElseThrow(),
                        Optional.empty(),
                        System::nanoTime)) {
            await().atMost(Duration.ofSeconds(30)).until(sim::isFinished);

            assertThat(scheduled).isEqualTo(27);
            assertThat(sim.generatedPulses(Direction.IMPORT)).isEqualTo(scheduled);
            MeterRead read = s0.read();
            assertThat(read).as("paced to the plausibility limit").isInstanceOf(MeterRead.Ok.class);
            assertThat(s0.pulses(Direction.IMPORT)).isEqualTo(scheduled);
            assertThat(((MeterRead.Ok) read).snapshot().importEnergy())
                    .isEqualTo(sim.generatedEnergy(Direction.IMPORT));
        } finally {
            pi4j.shutdown();
        }
    }
}
