package org.ebc.hardware.s0;

import org.ebc.units.Energy;
import org.ebc.units.Power;

/**
 * A meter constant (impulses per kWh) and the exact arithmetic that turns pulses into energy and pulse
 * intervals into power. Immutable and thread-safe.
 *
 * <p>One pulse is {@code 1000 / impulsesPerKWh} Wh, which is rarely a whole number (800 imp/kWh = 1.25 Wh),
 * so energy is always computed from the total pulse count: {@code floor(pulses × 1000 / impulsesPerKWh)}
 * Wh, with {@code pulses × 1000 mod impulsesPerKWh} thousandths-of-a-kWh-per-impulse left over. Rounding
 * down means a register never claims energy before the pulse that completes it; the remainder is carried
 * in the count, so nothing is lost over any number of pulses.
 *
 * @param impulsesPerKWh the meter constant printed on the meter, 1…1,000,000
 */
public record PulseConstant(int impulsesPerKWh) {
    public static final int MAX_IMPULSES_PER_KWH = 1_000_000;

    /** 1 kWh in W·µs is 3.6e12 (1000 W × 3600 s × 1e6 µs/s); power = that / (imp/kWh × interval in µs). */
    private static final long KWH_IN_WATT_MICROSECONDS = 3_600_000_000_000L;

    public PulseConstant {
        if (impulsesPerKWh < 1 || impulsesPerKWh > MAX_IMPULSES_PER_KWH) {
            throw new IllegalArgumentException(
                    "impulses per kWh must be 1.." + MAX_IMPULSES_PER_KWH + ": " + impulsesPerKWh);
        }
    }

    /** The whole Wh that {@code pulses} pulses represent, rounded down (the fraction stays in the count). */
    public Energy energyOf(long pulses) {
        if (pulses < 0) {
            throw new IllegalArgumentException("pulse count is never negative: " + pulses);
        }
        return Energy.ofWh(Math.multiplyExact(pulses, 1000L) / impulsesPerKWh);
    }

    /**
     * The part of {@code pulses} that does not yet make a whole Wh, in units of {@code 1 / impulsesPerKWh}
     * Wh (e.g. at 800 imp/kWh, 3 pulses are 3 Wh and a remainder of 600/800 Wh).
     */
    public long remainderOf(long pulses) {
        return Math.multiplyExact(pulses, 1000L) % impulsesPerKWh;
    }

    /**
     * The power that one pulse per {@code intervalNanos} means, rounded to the nearest whole W (a
     * magnitude: the caller applies the sign of the channel).
     */
    public Power powerFor(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("pulse interval must be positive: " + intervalNanos + " ns");
        }
        long micros = Math.max(1, intervalNanos / 1000);
        // Round half up, (2n + d) / 2d, which is 0 exactly when d > 2n; testing that first keeps
        // d = impulses × µs from overflowing on long silences.
        if (micros > 2 * KWH_IN_WATT_MICROSECONDS / impulsesPerKWh) {
            return Power.ZERO;
        }
        long denominator = impulsesPerKWh * micros;
        return Power.ofWatts((2 * KWH_IN_WATT_MICROSECONDS + denominator) / (2 * denominator));
    }

    @Override
    public String toString() {
        return impulsesPerKWh + " imp/kWh";
    }
}
