package org.ebc.hardware.sim;

import java.util.SplittableRandom;

/**
 * Photovoltaic generation: a clear-sky arc from 06:00 to 20:00 (a parabola peaking at 13:00) dimmed by
 * clouds that come and go each minute (a two-state chain: clear → cloudy with 5 %, cloudy → clear with
 * 10 %; a cloud lets 20–60 % through). Export only (≤ 0 W).
 */
final class PvProfile implements LoadProfile {
    private static final long SUNRISE = 6 * 3600;
    private static final long DAYLIGHT = 14 * 3600;

    private final SplittableRandom random;
    private final long peakWatts;
    private final DayClock clock;
    private boolean cloudy;
    private long transmissionPerMille = 1000;

    PvProfile(SplittableRandom random, long peakWatts, DayClock clock) {
        this.random = random;
        this.peakWatts = peakWatts;
        this.clock = clock;
    }

    @Override
    public long watts(long second) {
        if (second % 60 == 0) {
            nextMinute();
        }
        long x = clock.secondOfDay(second) - SUNRISE;
        if (x <= 0 || x >= DAYLIGHT) {
            return 0;
        }
        long clearSkyPerMille = 4000 * x * (DAYLIGHT - x) / (DAYLIGHT * DAYLIGHT);
        return -(peakWatts * clearSkyPerMille * transmissionPerMille / 1_000_000);
    }

    private void nextMinute() {
        if (cloudy ? random.nextInt(100) < 10 : random.nextInt(100) < 5) {
            cloudy = !cloudy;
        }
        transmissionPerMille = cloudy ? 200 + random.nextLong(401) : 1000;
    }
}
