package org.ebc.gateway.market;

import java.util.Objects;
import java.util.Optional;
import org.ebc.units.NodeId;

/**
 * An order's identity, {@code <node>/<seq>}: the node that signed it and its per-node order sequence number
 * (DESIGN §7: (node, order sequence) makes every order idempotent). Ordered by node id, then sequence
 * (numerically), the last tie-break of every ranking in the market.
 *
 * @param node the node that placed the order
 * @param sequence its order sequence number, at least 0
 */
public record OrderId(NodeId node, long sequence) implements Comparable<OrderId> {

    public OrderId {
        Objects.requireNonNull(node, "node");
        if (sequence < 0) {
            throw new IllegalArgumentException("order sequence must not be negative: " + sequence);
        }
    }

    /** The id written as {@code <node>/<seq>}, or empty. Never throws. */
    public static Optional<OrderId> parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || !NodeId.isValid(text.substring(0, slash))) {
            return Optional.empty();
        }
        String digits = text.substring(slash + 1);
        if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new OrderId(NodeId.of(text.substring(0, slash)), Long.parseLong(digits)));
    }

    @Override
    public int compareTo(OrderId other) {
        int c = node.compareTo(other.node);
        return c != 0 ? c : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return node.value() + "/" + sequence;
    }
}
