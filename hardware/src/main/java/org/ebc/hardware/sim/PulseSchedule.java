package org.ebc.hardware.sim;

import java.util.EnumMap;
import java.util.Map;
import org.ebc.hardware.Direction;
import org.ebc.hardware.s0.PulseConstant;

/**
 * Turns a {@link LoadProfile} into S0 pulses in profile time, exactly.
 *
 * <p>Energy is counted in units of joule × impulses-per-kWh: one profile second at {@code P} W adds
 * {@code |P| × impulsesPerKWh} units to its direction, and every {@value #UNITS_PER_PULSE} units (1 kWh =
 * 3,600,000 J) make one pulse. The remainder carries over, so after any whole number of seconds the pulses
 * emitted are the profile's energy rounded down to whole pulses — nothing is lost or invented. Within a
 * second the power is constant, so a pulse is placed at the microsecond where its energy is complete.
 *
 * <p>Not thread-safe: one simulator thread owns a schedule.
 */
public final class PulseSchedule {
    public static final long UNITS_PER_PULSE = 3_600_000L;

    /** One pulse: its input and its leading edge in profile nanoseconds since the start of the run. */
    public record Pulse(Direction direction, long profileNanos) {}

    private final LoadProfile profile;
    private final long impulsesPerKWh;
    private final Map<Direction, Long> carried = new EnumMap<>(Map.of(Direction.IMPORT, 0L, Direction.EXPORT, 0L));
    private final Map<Direction, Long> profileJoules =
            new EnumMap<>(Map.of(Direction.IMPORT, 0L, Direction.EXPORT, 0L));
    private long second = -1;
    private Direction direction = Direction.IMPORT;
    private long rate;
    private long consumed;

    public PulseSchedule(LoadProfile profile, PulseConstant constant) {
        this.profile = profile;
        this.impulsesPerKWh = constant.impulsesPerKWh();
    }

    /**
     * The next pulse whose leading edge lies before {@code limitNanos} of profile time, or {@code null} if
     * there is none (the schedule then stays where it is).
     */
    public Pulse next(long limitNanos) {
        while (true) {
            if (rate > 0) {
                long need = UNITS_PER_PULSE - carried.get(direction);
                if (need <= rate - consumed) {
                    long offsetMicros = ceilDiv(Math.multiplyExact(consumed + need, 1_000_000L), rate);
                    long at = second * 1_000_000_000L + offsetMicros * 1000L;
                    if (at >= limitNanos) {
                        return null;
                    }
                    consumed += need;
                    carried.put(direction, 0L);
                    return new Pulse(direction, at);
                }
            }
            if ((second + 1) * 1_000_000_000L >= limitNanos) {
                return null;
            }
            carried.merge(direction, rate - consumed, Long::sum);
            second++;
            long watts = profile.watts(second);
            direction = watts >= 0 ? Direction.IMPORT : Direction.EXPORT;
            profileJoules.merge(direction, Math.abs(watts), Long::sum);
            rate = Math.multiplyExact(Math.abs(watts), impulsesPerKWh);
            consumed = 0;
        }
    }

    /** Energy of {@code direction} in the profile seconds begun so far, in joules (W·s), exact. */
    public long profileJoules(Direction direction) {
        return profileJoules.get(direction);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
