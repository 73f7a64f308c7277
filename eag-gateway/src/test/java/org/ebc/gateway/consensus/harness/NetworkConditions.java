package org.ebc.gateway.consensus.harness;

/**
 * How the simulated network treats each message: a delay drawn uniformly from
 * {@code [minDelayMillis, maxDelayMillis]} (so messages overtake each other), lost with probability
 * {@code drop}, delivered twice with probability {@code duplicate}.
 */
public record NetworkConditions(long minDelayMillis, long maxDelayMillis, double drop, double duplicate) {

    public NetworkConditions {
        if (minDelayMillis < 1
                || maxDelayMillis < minDelayMillis
                || drop < 0
                || drop >= 1
                || duplicate < 0
                || duplicate > 1) {
            throw new IllegalArgumentException("bad network conditions");
        }
    }

    /** A calm LAN: 2–20 ms, nothing lost. */
    public static NetworkConditions calm() {
        return new NetworkConditions(2, 20, 0, 0);
    }
}
