package org.ebc.hardware.sim;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.hardware.s0.S0Config;

/**
 * What a simulated meter generates and how fast. Immutable.
 *
 * <p>Keys (all under {@code sim.}):
 * <ul>
 *   <li>{@code profile} = {@code household} | {@code pv} | {@code ev} | {@code battery} | {@code prosumer}
 *       (default {@code household}).</li>
 *   <li>{@code seed} (default 1): the same seed gives the same power curve and the same pulses.</li>
 *   <li>{@code acceleration} (default 1, 1…1,000,000): the profile's clock runs this many times faster than
 *       real time, so pulses arrive this many times more often; 60 = one simulated minute per second.</li>
 *   <li>{@code peak-power} (default 5000 W, 1…1,000,000): the largest power the profile reaches, W.</li>
 *   <li>{@code start-time} (default {@code 12:00}): the time of day at which the profile starts, HH:mm.</li>
 *   <li>{@code duration} (optional): stop generating after this much <em>profile</em> time, e.g. {@code 24h};
 *       absent = until the meter is closed.</li>
 * </ul>
 *
 * @param duration profile time after which the simulator stops, if any
 */
public record SimulationConfig(
        ProfileKind profile,
        long seed,
        long acceleration,
        long peakWatts,
        LocalTime startTime,
        Optional<Duration> duration) {

    public static final String PROFILE = "sim.profile";
    public static final String SEED = "sim.seed";
    public static final String ACCELERATION = "sim.acceleration";
    public static final String PEAK_POWER = "sim.peak-power";
    public static final String START_TIME = "sim.start-time";
    public static final String DURATION = "sim.duration";

    public SimulationConfig {
        if (acceleration < 1 || peakWatts < 1) {
            throw new IllegalArgumentException("acceleration and peak power must be positive");
        }
    }

    public static Set<String> knownKeys() {
        return Set.of(PROFILE, SEED, ACCELERATION, PEAK_POWER, START_TIME, DURATION);
    }

    public static SimulationConfig fromSettings(Settings settings) {
        ProfileKind profile = settings.enumValue(PROFILE, ProfileKind.HOUSEHOLD, ProfileKind.class);
        long seed = settings.longValue(SEED, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        long acceleration = settings.longValue(ACCELERATION, 1, 1, 1_000_000);
        long peak = settings.longValue(PEAK_POWER, 5000, 1, 1_000_000);
        LocalTime start = settings.parsed(
                START_TIME,
                "12:00",
                "a time of day such as 06:30",
                v -> LocalTime.parse(v, DateTimeFormatter.ofPattern("H:mm")));
        Optional<Duration> duration = settings.optional(DURATION).isPresent()
                ? Optional.of(settings.duration(DURATION, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(3650)))
                : Optional.empty();
        return new SimulationConfig(profile, seed, acceleration, peak, start, duration);
    }

    /** The highest pulse rate this simulation can reach in real time, in pulses per second (rounded up). */
    public long peakPulseRateHz(S0Config s0) {
        // peak W × imp/kWh / 3.6e6 pulses per profile second, × acceleration profile seconds per real second
        long perRealSecondTimesUnits =
                Math.multiplyExact(Math.multiplyExact(peakWatts, s0.constant().impulsesPerKWh()), acceleration);
        return -Math.floorDiv(-perRealSecondTimesUnits, PulseSchedule.UNITS_PER_PULSE);
    }

    /**
     * Fails at start, naming the keys, if the requested pulse rate would exceed what the S0 driver accepts:
     * its plausibility limit, or the rate at which each pulse can be on and off for twice the debounce time.
     * Also fails if the profile exports but no export input is configured.
     */
    public void requireFeasibleWith(S0Config s0) {
        long rate = peakPulseRateHz(s0);
        long debounceLimitHz = 1_000_000_000L / (4 * s0.debounce().toNanos());
        String inputs = PEAK_POWER + "=" + peakWatts + " W, " + S0Config.IMPULSES_PER_KWH + "="
                + s0.constant().impulsesPerKWh() + " and " + ACCELERATION + "=" + acceleration
                + " give up to " + rate + " pulses/s";
        if (rate > s0.maxPulseRateHz()) {
            throw new ConfigException(
                    ACCELERATION,
                    String.valueOf(acceleration),
                    inputs + ", above "
                            + S0Config.MAX_PULSE_RATE_HZ + "=" + s0.maxPulseRateHz() + "; lower " + ACCELERATION + ", "
                            + PEAK_POWER + " or " + S0Config.IMPULSES_PER_KWH);
        }
        if (rate > debounceLimitHz) {
            throw new ConfigException(
                    ACCELERATION,
                    String.valueOf(acceleration),
                    inputs + ", but with "
                            + S0Config.DEBOUNCE + "=" + s0.debounce().toNanos() / 1000
                            + " µs a pulse must be on and off for"
                            + " twice that, at most " + debounceLimitHz + " pulses/s; lower " + ACCELERATION + " or "
                            + S0Config.DEBOUNCE);
        }
        if (profile.exports() && s0.exportPin().isEmpty()) {
            throw new ConfigException(
                    S0Config.EXPORT_PIN,
                    "",
                    "profile " + profile.name().toLowerCase(java.util.Locale.ROOT)
                            + " exports energy; configure an export input");
        }
    }
}
