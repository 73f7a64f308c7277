package org.ebc.hardware.sim;

import java.util.SplittableRandom;

/** The profiles of {@code sim.profile}, and which directions each can produce. */
public enum ProfileKind {
    HOUSEHOLD(true, false),
    PV(false, true),
    EV(true, false),
    BATTERY(true, true),
    PROSUMER(true, true);

    private final boolean imports;
    private final boolean exports;

    ProfileKind(boolean imports, boolean exports) {
        this.imports = imports;
        this.exports = exports;
    }

    public boolean imports() {
        return imports;
    }

    public boolean exports() {
        return exports;
    }

    /**
     * A fresh profile: the same arguments always give the same sequence of powers.
     *
     * @param peakWatts        the largest magnitude the profile reaches, W
     * @param startSecondOfDay the time of day at profile second 0
     */
    public LoadProfile create(long seed, long peakWatts, long startSecondOfDay) {
        SplittableRandom random = new SplittableRandom(seed);
        DayClock clock = new DayClock(startSecondOfDay);
        return switch (this) {
            case HOUSEHOLD -> new HouseholdProfile(random, peakWatts, clock);
            case PV -> new PvProfile(random, peakWatts, clock);
            case EV -> new EvProfile(random, peakWatts);
            case BATTERY -> new BatteryProfile(random, peakWatts, clock);
            case PROSUMER ->
                new ProsumerProfile(
                        new HouseholdProfile(random.split(), peakWatts * 6 / 10, clock),
                        new PvProfile(random.split(), peakWatts, clock));
        };
    }
}
