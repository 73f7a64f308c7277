package org.ebc.hardware.sim;

import java.util.SplittableRandom;

/**
 * A household's import: a daily base shape (night minimum, morning and evening peaks) with ±10 % noise
 * per minute, plus appliances that switch on at random (kettle, oven, washing machine), more often when
 * the household is active (chance per minute = base shape / 20, in per-mille: about one every 5 h at night,
 * one every 45 min in the evening). Values are per-mille of the peak power; the sum is capped at the peak.
 * Import only (≥ 0 W).
 */
final class HouseholdProfile implements LoadProfile {
    // per-mille of peak for each hour of the day (00:00 … 23:00)
    private static final long[] BASE = {
        60, 60, 60, 60, 60, 70, 120, 300, 250, 150, 130, 130, 140, 130, 130, 130, 150, 250, 400, 450, 380, 300, 180, 100
    };
    // appliance: per-mille of peak, minutes
    private static final long[][] APPLIANCES = {{400, 3}, {350, 40}, {250, 60}};

    private final SplittableRandom random;
    private final long peakWatts;
    private final DayClock clock;
    private long noisePerMille = 1000;
    private long appliancePerMille;
    private long applianceMinutesLeft;

    HouseholdProfile(SplittableRandom random, long peakWatts, DayClock clock) {
        this.random = random;
        this.peakWatts = peakWatts;
        this.clock = clock;
    }

    @Override
    public long watts(long second) {
        long shape = DayClock.hourly(BASE, clock.secondOfDay(second));
        if (second % 60 == 0) {
            nextMinute(shape);
        }
        long base = shape * noisePerMille / 1000;
        long perMille = Math.min(1000, base + appliancePerMille);
        return peakWatts * perMille / 1000;
    }

    private void nextMinute(long shapePerMille) {
        noisePerMille = 900 + random.nextLong(201);
        if (applianceMinutesLeft > 0) {
            applianceMinutesLeft--;
        }
        if (applianceMinutesLeft == 0) {
            appliancePerMille = 0;
            if (random.nextInt(1000) < shapePerMille / 20) {
                long[] a = APPLIANCES[random.nextInt(APPLIANCES.length)];
                appliancePerMille = a[0];
                applianceMinutesLeft = a[1];
            }
        }
    }
}
