package org.ebc.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebc.units.EagId;

/**
 * Writes one agent's configuration file for a simulated meter on Pi4J's mock GPIO, with the keys the
 * meter agent and its hardware module document ({@code AgentConfig}, {@code EnergyMeters},
 * {@code SimulationConfig}).
 *
 * <p>The S0 settings allow the fast pulse rates that time acceleration needs: 1000 imp/kWh, a 0.2 ms
 * debounce and a plausibility limit of 1000 pulses/s, so a 5 kW peak may be accelerated up to
 * {@value #MAX_ACCELERATION}× (5000 W × 1000 imp/kWh × 700 / 3.6e6 ≈ 972 pulses/s).
 */
public final class AgentConfigFile {
    /** The highest time acceleration the S0 settings below allow for the 5 kW peak. */
    public static final long MAX_ACCELERATION = 700;

    static final long PEAK_WATTS = 5000;

    private AgentConfigFile() {}

    /**
     * How every agent of a bench runs.
     *
     * @param interval time between periodic readings ({@code reading.interval})
     * @param acceleration the simulators' time acceleration ({@code sim.acceleration})
     * @param extra further agent keys, written last (e.g. {@code reading.last-page} in tests)
     */
    public record Tuning(Duration interval, long acceleration, Map<String, String> extra) {
        public Tuning {
            if (acceleration < 1 || acceleration > MAX_ACCELERATION) {
                throw new IllegalArgumentException(
                        "acceleration must be 1.." + MAX_ACCELERATION + ", not " + acceleration);
            }
            extra = Map.copyOf(extra);
        }
    }

    /** The keys for {@code meter}, in the order they are written. */
    public static Map<String, String> settings(
            BenchMeter meter, EagId eag, String brokerUrl, Path keyDir, Path dataDir, Tuning tuning) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("node.id", meter.node().value());
        m.put("eag.id", eag.value());
        m.put("key.dir", keyDir.toAbsolutePath().toString());
        m.put("data.dir", dataDir.toAbsolutePath().toString());
        m.put("broker.url", brokerUrl);
        m.put("broker.reconnect.min-delay", "200ms");
        m.put("broker.reconnect.max-delay", "2s");
        // Gateway and meters share this machine's clock, so "synchronised" is true by construction.
        m.put("clock.status", "S");
        m.put("reading.interval", millis(tuning.interval()));
        m.put("status.interval", "2s");
        m.put("platform", "mock");
        m.put("meter.type", "simulated");
        m.put("meter.serial", meter.meterSerial());
        m.put("meter.s0.import.pin", String.valueOf(meter.importPin()));
        meter.exportPin().ifPresent(p -> m.put("meter.s0.export.pin", String.valueOf(p)));
        m.put("meter.s0.impulses-per-kwh", "1000");
        m.put("meter.s0.debounce", "PT0.0002S");
        m.put("meter.s0.max-pulse-rate-hz", "1000");
        m.put("sim.profile", meter.profile().configValue());
        m.put("sim.seed", String.valueOf(meter.seed()));
        m.put("sim.acceleration", String.valueOf(tuning.acceleration()));
        m.put("sim.peak-power", String.valueOf(PEAK_WATTS));
        m.putAll(tuning.extra());
        return m;
    }

    /** Writes {@code settings} as a properties file. */
    public static Path write(Path file, BenchMeter meter, Map<String, String> settings) {
        StringBuilder b = new StringBuilder();
        b.append("# meter agent for ")
                .append(meter.node())
                .append(": simulated ")
                .append(meter.profile().configValue())
                .append(" meter on Pi4J mock GPIO, written by eag-gateway bench\n");
        settings.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }
}
