package org.ebc.hardware.sim;

/**
 * Maps profile seconds to the time of day, and interpolates per-hour shapes. Immutable.
 *
 * @param startSecondOfDay the time of day at profile second 0, in seconds since midnight
 */
record DayClock(long startSecondOfDay) {
    DayClock {
        if (startSecondOfDay < 0 || startSecondOfDay >= LoadProfile.DAY) {
            throw new IllegalArgumentException("start must be within a day: " + startSecondOfDay);
        }
    }

    long secondOfDay(long second) {
        return (startSecondOfDay + second) % LoadProfile.DAY;
    }

    /** Linear interpolation in a 24-entry per-hour table (per-mille values), wrapping at midnight. */
    static long hourly(long[] perHour, long secondOfDay) {
        int hour = (int) (secondOfDay / 3600);
        long into = secondOfDay % 3600;
        long from = perHour[hour];
        long to = perHour[(hour + 1) % 24];
        return from + (to - from) * into / 3600;
    }
}
