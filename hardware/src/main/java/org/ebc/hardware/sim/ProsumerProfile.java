package org.ebc.hardware.sim;

/**
 * A household with a PV system behind one meter: the household's draw (scaled to 60 % of the peak) minus
 * the PV output (at the full peak), so the net imports at night and exports on a sunny noon.
 */
final class ProsumerProfile implements LoadProfile {
    private final LoadProfile household;
    private final LoadProfile pv;

    ProsumerProfile(LoadProfile household, LoadProfile pv) {
        this.household = household;
        this.pv = pv;
    }

    @Override
    public long watts(long second) {
        return household.watts(second) + pv.watts(second);
    }
}
