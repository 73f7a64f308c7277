package org.ebc.gateway.verify;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.NodeId;
import org.ebc.units.Power;

/**
 * The rated connection of each node: the most power its meter can plausibly measure, in either direction.
 * A register that rises faster than this is {@link RejectReason#IMPLAUSIBLE_POWER} and never settles.
 *
 * <p>Keys: {@code verify.rated.power} (W, default {@value #DEFAULT_WATTS}: a 63 A three-phase house
 * connection, 3 × 230 V × 63 A), and {@code verify.rated.power.<node id>} for a node with another connection.
 * The bench multiplies them by its time acceleration, since its meters run faster than real time.
 *
 * @param standard the rated power of a node without its own entry
 * @param perNode nodes with their own rated power
 */
public record RatedPowers(Power standard, Map<NodeId, Power> perNode) implements SequenceJudge.RatedPower {
    public static final String KEY = "verify.rated.power";
    public static final String PER_NODE_PREFIX = KEY + ".";
    public static final long DEFAULT_WATTS = 43_470;
    private static final long MAX_WATTS = 1_000_000_000L;

    public RatedPowers {
        Objects.requireNonNull(standard, "standard");
        perNode = Map.copyOf(perNode);
    }

    public static RatedPowers from(Settings s) {
        Power standard = Power.ofWatts(s.longValue(KEY, DEFAULT_WATTS, 1, MAX_WATTS));
        Map<NodeId, Power> per = new TreeMap<>();
        for (String key : s.keysStartingWith(PER_NODE_PREFIX)) {
            String node = key.substring(PER_NODE_PREFIX.length());
            if (!NodeId.isValid(node)) {
                throw new ConfigException(
                        key, s.string(key, ""), "the key must end in a node id: " + KEY + ".<node id>");
            }
            per.put(NodeId.of(node), Power.ofWatts(s.longValue(key, DEFAULT_WATTS, 1, MAX_WATTS)));
        }
        return new RatedPowers(standard, per);
    }

    @Override
    public Power of(NodeId node) {
        return perNode.getOrDefault(node, standard);
    }
}
