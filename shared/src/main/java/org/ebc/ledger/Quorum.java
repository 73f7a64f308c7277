package org.ebc.ledger;

import java.util.Optional;

/**
 * How many of the consortium's {@code n} EAGs must sign a commit. With at most {@code f = ⌊(n − 1) / 3⌋}
 * byzantine EAGs:
 *
 * <ul>
 *   <li>{@link #BYZANTINE} ({@code "2f+1"}, the default): {@code ⌈(n + f + 1) / 2⌉} signatures, which is
 *       {@code 2f + 1} when {@code n = 3f + 1}. Any two such quorums share more than {@code f} EAGs, so
 *       they share an honest one, which never signs two blocks at one height (for other {@code n} the plain
 *       {@code 2f + 1} would not guarantee that: with {@code n = 5}, two quorums of 3 may meet in 1).
 *   <li>{@link #ALL} ({@code "all"}, the paper's rule): every EAG; one crashed EAG stops the chain.
 * </ul>
 */
public enum Quorum {
    BYZANTINE("2f+1"),
    ALL("all");

    private final String wire;

    Quorum(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Quorum> fromWire(String wire) {
        for (Quorum q : values()) {
            if (q.wire.equals(wire)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The byzantine EAGs tolerated among {@code n}: {@code ⌊(n − 1) / 3⌋}. */
    public static int faultsTolerated(int n) {
        return Math.max(0, (n - 1) / 3);
    }

    /** Signatures a commit needs among {@code n} EAGs (n ≥ 1). */
    public int size(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a consortium has at least one EAG");
        }
        if (this == ALL) {
            return n;
        }
        int f = faultsTolerated(n);
        return (n + f + 2) / 2; // ⌈(n + f + 1) / 2⌉
    }
}
