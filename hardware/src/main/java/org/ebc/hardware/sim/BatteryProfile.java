package org.ebc.hardware.sim;

import java.util.SplittableRandom;

/**
 * A grid-connected home battery on a time-of-use plan: charges from the grid 01:00–05:00 at about half the
 * peak power (import) and discharges into the grid 17:00–21:00 at about the peak (export), each minute at
 * 90–100 % of that level; idle otherwise.
 */
final class BatteryProfile implements LoadProfile {
    private final SplittableRandom random;
    private final long peakWatts;
    private final DayClock clock;
    private long levelPerMille = 1000;

    BatteryProfile(SplittableRandom random, long peakWatts, DayClock clock) {
        this.random = random;
        this.peakWatts = peakWatts;
        this.clock = clock;
    }

    @Override
    public long watts(long second) {
        if (second % 60 == 0) {
            levelPerMille = 900 + random.nextLong(101);
        }
        long hour = clock.secondOfDay(second) / 3600;
        if (hour >= 1 && hour < 5) {
            return peakWatts / 2 * levelPerMille / 1000;
        }
        if (hour >= 17 && hour < 21) {
            return -(peakWatts * levelPerMille / 1000);
        }
        return 0;
    }
}
