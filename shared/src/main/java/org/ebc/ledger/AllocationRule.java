package org.ebc.ledger;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;

/**
 * The initial coins the genesis grants each registered node (the paper's evaluation gives each node 20
 * coins): {@code perNode} for every node the authority registers, now or later, unless {@code nodes}
 * names another amount for it (zero: none). Paid once per node by an {@code allocation} transaction.
 *
 * @param perNode the default grant, minor units (zero or more)
 * @param nodes per-node exceptions, sorted by node id
 */
public record AllocationRule(CoinAmount perNode, Map<NodeId, CoinAmount> nodes) {
    public AllocationRule {
        if (perNode.isNegative()) {
            throw new IllegalArgumentException("the per-node allocation must not be negative");
        }
        for (Map.Entry<NodeId, CoinAmount> e : nodes.entrySet()) {
            if (e.getValue().isNegative()) {
                throw new IllegalArgumentException("the allocation of " + e.getKey() + " must not be negative");
            }
        }
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /** What {@code node} may be allocated (zero: nothing). */
    public CoinAmount amountFor(NodeId node) {
        return nodes.getOrDefault(node, perNode);
    }
}
