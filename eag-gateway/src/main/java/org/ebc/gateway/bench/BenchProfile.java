package org.ebc.gateway.bench;

import java.util.Locale;

/**
 * The load profiles of the simulated meters ({@code sim.profile} of the agent's configuration), mixed so
 * that a bench has buyers and sellers: households and EVs only import, PV, prosumers and batteries also
 * export and therefore need a second S0 input.
 */
public enum BenchProfile {
    HOUSEHOLD(false),
    PV(true),
    PROSUMER(true),
    EV(false),
    BATTERY(true);

    private final boolean exports;

    BenchProfile(boolean exports) {
        this.exports = exports;
    }

    /** Whether the meter also counts exported energy (needs an export pulse input). */
    public boolean exports() {
        return exports;
    }

    /** GPIO inputs the simulated meter occupies: import, and export if it exports. */
    public int pins() {
        return exports ? 2 : 1;
    }

    /** The value of {@code sim.profile}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile of the meter at {@code index} (0-based): the five profiles in turn. */
    public static BenchProfile forMeter(int index) {
        return values()[Math.floorMod(index, values().length)];
    }
}
