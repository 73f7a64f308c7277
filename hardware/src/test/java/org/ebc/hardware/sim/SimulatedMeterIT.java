package org.ebc.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ebc.config.Settings;
import org.ebc.hardware.Direction;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.hardware.s0.S0Config;
import org.ebc.units.MeterSerial;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulated meters in accelerated real time, through the real S0 driver on Pi4J mock GPIO: the
 * register must equal the generated energy, and the same seed must generate the same energy.
 */
class SimulatedMeterIT {
    /**
     * Ten profile minutes of a prosumer at dusk (18:40, when the net flips between export and import) at
     * 200×: 3 s of real time and about a hundred pulses on each input.
     */
    private static Map<String, String> keys(long seed) {
        Map<String, String> m = new HashMap<>();
        m.put(S0Config.IMPORT_PIN, "17");
        m.put(S0Config.EXPORT_PIN, "27");
        m.put(S0Config.IMPULSES_PER_KWH, "1000");
        m.put(S0Config.DEBOUNCE, "PT0.0005S");
        m.put(S0Config.MAX_PULSE_RATE_HZ, "300");
        m.put(SimulationConfig.PROFILE, "prosumer");
        m.put(SimulationConfig.SEED, String.valueOf(seed));
        m.put(SimulationConfig.ACCELERATION, "200");
        m.put(SimulationConfig.PEAK_POWER, "5000");
        m.put(SimulationConfig.START_TIME, "18:40");
        m.put(SimulationConfig.DURATION, "10m");
        return m;
    }

    /** What one run produced: pulses generated and registers read, per direction. */
    private record Run(
            long importPulses,
            long exportPulses,
            MeterSnapshot register,
            long importGeneratedWh,
            long exportGeneratedWh,
            long scheduledImport,
            long scheduledExport) {}

    private static Run run(long seed) {
        Context pi4j = Pi4jContexts.mock();
        Settings settings = Settings.of(keys(seed));
        S0Config s0 = S0Config.fromSettings(settings);
        SimulationConfig sim = SimulationConfig.fromSettings(settings);
        try (SimulatedMeter meter = SimulatedMeter.open(MeterSerial.of("SIM-" + seed), s0, sim, pi4j)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(meter.simulator()::isFinished);
            MeterRead read = meter.read();
            assertThat(read)
                    .as("no pulse may come faster than the plausibility limit")
                    .isInstanceOf(MeterRead.Ok.class);
            // the same schedule, computed offline: every scheduled pulse must have been played
            PulseSchedule offline = new PulseSchedule(
                    sim.profile().create(seed, sim.peakWatts(), sim.startTime().toSecondOfDay()), s0.constant());
            long scheduledImport = 0;
            long scheduledExport = 0;
            PulseSchedule.Pulse p;
            while ((p = offline.next(sim.duration().orElseThrow().toNanos())) != null) {
                if (p.direction() == Direction.IMPORT) {
                    scheduledImport++;
                } else {
                    scheduledExport++;
                }
            }
            MeterSimulator g = meter.simulator();
            return new Run(
                    g.generatedPulses(Direction.IMPORT),
                    g.generatedPulses(Direction.EXPORT),
                    ((MeterRead.Ok) read).snapshot(),
                    g.generatedEnergy(Direction.IMPORT).wh(),
                    g.generatedEnergy(Direction.EXPORT).wh(),
                    scheduledImport,
                    scheduledExport);
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void aSeededRunIsRepeatableAndTheS0RegisterEqualsTheGeneratedEnergy() throws Exception {
        ExecutorService parallel = Executors.newFixedThreadPool(3);
        Run first;
        Run again;
        Run other;
        try {
            Future<Run> a = parallel.submit(() -> run(42));
            Future<Run> b = parallel.submit(() -> run(42));
            Future<Run> c = parallel.submit(() -> run(4242));
            first = a.get();
            again = b.get();
            other = c.get();
        } finally {
            parallel.shutdownNow();
        }

        for (Run r : List.of(first, again, other)) {
            assertThat(r.register().importEnergy().wh()).isEqualTo(r.importGeneratedWh());
            assertThat(r.register().exportEnergy().wh()).isEqualTo(r.exportGeneratedWh());
            assertThat(r.importPulses()).isEqualTo(r.scheduledImport());
            assertThat(r.exportPulses()).isEqualTo(r.scheduledExport());
        }
        assertThat(first.importPulses()).as("at dusk the prosumer imports").isGreaterThan(10);
        assertThat(first.exportPulses()).as("and exports").isGreaterThan(10);
        assertThat(again.importPulses()).isEqualTo(first.importPulses());
        assertThat(again.exportPulses()).isEqualTo(first.exportPulses());
        assertThat(again.register().importEnergy()).isEqualTo(first.register().importEnergy());
        assertThat(again.register().exportEnergy()).isEqualTo(first.register().exportEnergy());
        assertThat(List.of(other.importPulses(), other.exportPulses()))
                .as("another seed, other clouds")
                .isNotEqualTo(List.of(first.importPulses(), first.exportPulses()));
    }

    @Test
    void closingStopsTheSimulatorThreadAndLeavesNoHalfPulse() {
        Context pi4j = Pi4jContexts.mock();
        Map<String, String> k = keys(7);
        k.remove(SimulationConfig.DURATION);
        k.put(SimulationConfig.START_TIME, "12:00"); // a sunny noon: export pulses at once
        Settings settings = Settings.of(k);
        try (SimulatedMeter meter = SimulatedMeter.open(
                MeterSerial.of("SIM-7"),
                S0Config.fromSettings(settings),
                SimulationConfig.fromSettings(settings),
                pi4j)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meter.simulator().generatedPulses(Direction.EXPORT) > 20);
            meter.simulator().close();
            assertThat(meter.simulator().isFinished()).isTrue();
            long generated = meter.simulator().generatedPulses(Direction.EXPORT);
            MeterRead read = meter.read();
            assertThat(read).isInstanceOf(MeterRead.Ok.class);
            assertThat(meter.s0().pulses(Direction.EXPORT)).isEqualTo(generated);
            assertThat(((MeterRead.Ok) read).snapshot().exportEnergy())
                    .isEqualTo(meter.simulator().generatedEnergy(Direction.EXPORT));
        } finally {
            pi4j.shutdown();
        }
    }
}
