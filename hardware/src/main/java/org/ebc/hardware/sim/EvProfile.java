package org.ebc.hardware.sim;

import java.util.SplittableRandom;

/**
 * An electric vehicle on a wallbox: idle for 1–8 h (the first idle period 0–2 h), then charging at the peak
 * power for 30 min – 3 h, and again. Import only (≥ 0 W).
 */
final class EvProfile implements LoadProfile {
    private final SplittableRandom random;
    private final long peakWatts;
    private boolean charging;
    private long minutesLeft;

    EvProfile(SplittableRandom random, long peakWatts) {
        this.random = random;
        this.peakWatts = peakWatts;
        this.minutesLeft = random.nextLong(121);
    }

    @Override
    public long watts(long second) {
        if (second % 60 == 0) {
            while (minutesLeft == 0) {
                charging = !charging;
                minutesLeft = charging ? 30 + random.nextLong(151) : 60 + random.nextLong(421);
            }
            minutesLeft--;
        }
        return charging ? peakWatts : 0;
    }
}
