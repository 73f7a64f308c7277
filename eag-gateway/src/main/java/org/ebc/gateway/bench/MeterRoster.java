package org.ebc.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.ebc.units.NodeId;

/**
 * Names the N meters of a bench, gives each a profile (the five in turn) and a seed, and assigns them
 * to agent processes: all meters of one process share one Pi4J mock context, whose GPIO numbers go from
 * 0 to {@value #MAX_PIN}, so a process takes meters until its pins run out (34 with the profile
 * mix), and the next meters go to another process.
 */
public final class MeterRoster {
    /** The highest BCM GPIO number the S0 driver accepts. */
    static final int MAX_PIN = 53;

    private MeterRoster() {}

    /**
     * @param meters how many, at least 1
     * @param nodePrefix node ids are this prefix and the meter's number, zero-padded ({@code node-01})
     */
    public static List<BenchMeter> plan(int meters, String nodePrefix) {
        return plan(meters, nodePrefix, "SIM-");
    }

    /** {@link #plan(int, String)} with meter serials {@code serialPrefix} and the number (another site's meters). */
    public static List<BenchMeter> plan(int meters, String nodePrefix, String serialPrefix) {
        if (meters < 1) {
            throw new IllegalArgumentException("a bench needs at least one meter, not " + meters);
        }
        int width = Math.max(2, String.valueOf(meters).length());
        List<BenchMeter> out = new ArrayList<>();
        int process = 0;
        int nextPin = 0;
        for (int i = 0; i < meters; i++) {
            BenchProfile profile = BenchProfile.forMeter(i);
            if (nextPin + profile.pins() - 1 > MAX_PIN) {
                process++;
                nextPin = 0;
            }
            String number = String.format("%0" + width + "d", i + 1);
            int importPin = nextPin++;
            OptionalInt exportPin = profile.exports() ? OptionalInt.of(nextPin++) : OptionalInt.empty();
            out.add(new BenchMeter(
                    NodeId.of(nodePrefix + number),
                    serialPrefix + number,
                    profile,
                    i + 1L,
                    importPin,
                    exportPin,
                    process));
        }
        return List.copyOf(out);
    }

    /**
     * Deals one roster to {@code sites} substations in contiguous runs, so each site's meters have the profiles in
     * turn (every profile once a site has five or more) and the roster's pins and agent processes stay as planned:
     * one agent process may host meters of several sites. The first {@code meters mod sites} sites take one more.
     */
    public static List<List<BenchMeter>> deal(List<BenchMeter> meters, int sites) {
        if (sites < 1 || sites > meters.size()) {
            throw new IllegalArgumentException("cannot deal " + meters.size() + " meter(s) to " + sites + " site(s)");
        }
        List<List<BenchMeter>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < sites; i++) {
            int n = meters.size() / sites + (i < meters.size() % sites ? 1 : 0);
            out.add(List.copyOf(meters.subList(from, from + n)));
            from += n;
        }
        return List.copyOf(out);
    }

    /** How many agent processes {@code meters} need. */
    public static int processes(List<BenchMeter> meters) {
        return meters.stream().mapToInt(BenchMeter::process).max().orElse(-1) + 1;
    }
}
