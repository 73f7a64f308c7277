package org.ebc.consensus;

import java.util.Locale;
import org.ebc.config.ConfigException;

/**
 * How many of the consortium's {@code n} EAGs must sign before a block is committed.
 *
 * <p>{@link #BFT} (the default): {@code q = ⌊2n/3⌋ + 1}, which is {@code 2f+1} for {@code n = 3f+1}. Any
 * two quorums then share more than {@code f = ⌊(n−1)/3⌋} EAGs, so at least one honest EAG, which never
 * signs for two blocks at one height and round; and {@code n − f ≥ q}, so the honest EAGs alone can commit.
 * {@link #ALL}: {@code q = n}, the paper's rule ("if all the EAGs agree"): safe with up to {@code n−1}
 * byzantine EAGs, but one crashed EAG stops the chain.
 */
public enum QuorumRule {
    BFT("2f+1"),
    ALL("all");

    private final String configName;

    QuorumRule(String configName) {
        this.configName = configName;
    }

    /** The value in a configuration or genesis file: {@code 2f+1} or {@code all}. */
    public String configName() {
        return configName;
    }

    /** The number of distinct EAG signatures that commit a block in a consortium of {@code n}. */
    public int quorum(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a consortium has at least one EAG, not " + n);
        }
        return this == ALL ? n : 2 * n / 3 + 1;
    }

    /** Reads {@code 2f+1} or {@code all}; the error names the key and the bad value. */
    public static QuorumRule parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (QuorumRule r : values()) {
            if (r.configName.equals(v)) {
                return r;
            }
        }
        throw new ConfigException(key, value, "2f+1 (a quorum of ⌊2n/3⌋+1 EAGs) or all (every EAG)");
    }
}
