package org.ebc.hardware.s0;

import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;

/**
 * How an S0 meter is wired and what its pulses mean. Immutable.
 *
 * <p>Keys (all under {@code meter.s0.}):
 * <ul>
 *   <li>{@code import.pin} (required): BCM GPIO number of the import pulse input, 0…53.</li>
 *   <li>{@code export.pin} (optional): BCM GPIO number of the export pulse input (bidirectional meters).</li>
 *   <li>{@code pull} = {@code up} | {@code down} | {@code off} (default {@code up}): the SoC's internal bias.
 *       An optocoupler or open-collector S0 output pulls the line low, so {@code up} is the usual wiring.</li>
 *   <li>{@code active-level} = {@code low} | {@code high}: the line level while a pulse is on. Default:
 *       {@code low} with {@code pull=up}, otherwise {@code high}.</li>
 *   <li>{@code impulses-per-kwh} (required): the meter constant printed on the meter, e.g. 800, 1000, 2000.
 *       Required because a wrong constant would scale every Wh the node trades.</li>
 *   <li>{@code debounce} (default {@code 5ms}, 100 µs…100 ms): a level counts only after it has been stable
 *       this long; shorter contact bounce is ignored.</li>
 *   <li>{@code max-pulse-rate-hz} (default 17, 1…1000): pulses closer together than {@code 1/rate} are
 *       implausible (IEC 62053-31 pulses last ≥ 30 ms, so a compliant S0 output cannot exceed ~16.7 Hz).
 *       They are still counted; the next read reports {@link org.ebc.hardware.MeterFault#IMPLAUSIBLE}.</li>
 * </ul>
 *
 * @param importPin      BCM GPIO of the import input
 * @param exportPin      BCM GPIO of the export input, if the meter has one
 * @param pull           bias resistor of both inputs
 * @param activeHigh     true if a pulse drives the line high, false if it pulls it low
 * @param constant       the meter constant
 * @param debounce       minimum time a level must hold to count
 * @param maxPulseRateHz plausibility limit on the pulse rate of each input
 */
public record S0Config(
        int importPin,
        OptionalInt exportPin,
        PullResistance pull,
        boolean activeHigh,
        PulseConstant constant,
        Duration debounce,
        int maxPulseRateHz) {

    public static final String IMPORT_PIN = "meter.s0.import.pin";
    public static final String EXPORT_PIN = "meter.s0.export.pin";
    public static final String PULL = "meter.s0.pull";
    public static final String ACTIVE_LEVEL = "meter.s0.active-level";
    public static final String IMPULSES_PER_KWH = "meter.s0.impulses-per-kwh";
    public static final String DEBOUNCE = "meter.s0.debounce";
    public static final String MAX_PULSE_RATE_HZ = "meter.s0.max-pulse-rate-hz";

    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(5);
    public static final int DEFAULT_MAX_PULSE_RATE_HZ = 17;
    static final int MAX_BCM_PIN = 53;

    /** The bias resistor settings of {@code meter.s0.pull}. */
    public enum Pull {
        UP(PullResistance.PULL_UP),
        DOWN(PullResistance.PULL_DOWN),
        OFF(PullResistance.OFF);

        final PullResistance pi4j;

        Pull(PullResistance pi4j) {
            this.pi4j = pi4j;
        }
    }

    /** The line levels of {@code meter.s0.active-level}. */
    public enum Level {
        LOW,
        HIGH
    }

    public S0Config {
        if (exportPin.isPresent() && exportPin.getAsInt() == importPin) {
            throw new IllegalArgumentException("import and export need different pins: " + importPin);
        }
        if (debounce.isNegative() || debounce.isZero()) {
            throw new IllegalArgumentException("debounce must be positive: " + debounce);
        }
        if (maxPulseRateHz < 1) {
            throw new IllegalArgumentException("max pulse rate must be positive: " + maxPulseRateHz);
        }
    }

    public static Set<String> knownKeys() {
        return Set.of(IMPORT_PIN, EXPORT_PIN, PULL, ACTIVE_LEVEL, IMPULSES_PER_KWH, DEBOUNCE, MAX_PULSE_RATE_HZ);
    }

    /** Reads the {@code meter.s0.*} keys; every error names the key and the bad value. */
    public static S0Config fromSettings(Settings settings) {
        int importPin = requiredInt(settings, IMPORT_PIN, 0, MAX_BCM_PIN);
        OptionalInt exportPin = settings.optional(EXPORT_PIN).isPresent()
                ? OptionalInt.of(settings.intValue(EXPORT_PIN, 0, 0, MAX_BCM_PIN))
                : OptionalInt.empty();
        if (exportPin.isPresent() && exportPin.getAsInt() == importPin) {
            throw new ConfigException(EXPORT_PIN, String.valueOf(importPin), "must differ from " + IMPORT_PIN);
        }
        Pull pull = settings.enumValue(PULL, Pull.UP, Pull.class);
        Level active = settings.enumValue(ACTIVE_LEVEL, pull == Pull.UP ? Level.LOW : Level.HIGH, Level.class);
        int impulses = requiredInt(settings, IMPULSES_PER_KWH, 1, PulseConstant.MAX_IMPULSES_PER_KWH);
        Duration debounce =
                settings.duration(DEBOUNCE, DEFAULT_DEBOUNCE, Duration.ofNanos(100_000), Duration.ofMillis(100));
        int maxRate = settings.intValue(MAX_PULSE_RATE_HZ, DEFAULT_MAX_PULSE_RATE_HZ, 1, 1000);
        // A pulse at the highest plausible rate must still be on for one debounce time and off for one,
        // or the debounce filter would swallow legitimate pulses.
        if (2 * debounce.toNanos() > 1_000_000_000L / maxRate) {
            throw new ConfigException(
                    DEBOUNCE,
                    settings.string(DEBOUNCE, DEFAULT_DEBOUNCE.toMillis() + "ms"),
                    "twice the debounce must fit into one period of " + MAX_PULSE_RATE_HZ + "=" + maxRate
                            + " Hz; lower the debounce or the rate");
        }
        return new S0Config(
                importPin, exportPin, pull.pi4j, active == Level.HIGH, new PulseConstant(impulses), debounce, maxRate);
    }

    /** The shortest plausible time between two pulses' leading edges, in ns. */
    public long minPulseIntervalNanos() {
        return 1_000_000_000L / maxPulseRateHz;
    }

    private static int requiredInt(Settings settings, String key, int min, int max) {
        settings.requireString(key);
        return settings.intValue(key, min, min, max);
    }
}
