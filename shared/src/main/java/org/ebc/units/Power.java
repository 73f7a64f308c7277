package org.ebc.units;

/**
 * Active power in whole watts (W). Sign convention: positive means the node imports (draws from the
 * grid), negative means it exports (feeds in). Used for instantaneous estimates only; power is never
 * integrated into energy by the software (energy comes from the meter's registers or pulses).
 */
public record Power(long watts) implements Comparable<Power> {

    public static final Power ZERO = new Power(0);

    public static Power ofWatts(long watts) {
        return new Power(watts);
    }

    public Power negate() {
        return new Power(Math.negateExact(watts));
    }

    @Override
    public int compareTo(Power other) {
        return Long.compare(watts, other.watts);
    }

    @Override
    public String toString() {
        return watts + " W";
    }
}
