package org.ebc.units;

/** A meter node's id, as it appears in topics and in its certificate's CN. */
public record NodeId(String value) implements Comparable<NodeId> {

    public NodeId {
        Identifier.require("node id", value);
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    /** True if {@code value} has the shape of a node id; for validators that must not throw. */
    public static boolean isValid(String value) {
        return Identifier.isValid(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
