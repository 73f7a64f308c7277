package org.ebc.units;

/** An energy aggregator's (gateway's) id, as it appears in topics and in its certificate's CN. */
public record EagId(String value) implements Comparable<EagId> {

    public EagId {
        Identifier.require("EAG id", value);
    }

    public static EagId of(String value) {
        return new EagId(value);
    }

    /** True if {@code value} has the shape of a EAG id; for validators that must not throw. */
    public static boolean isValid(String value) {
        return Identifier.isValid(value);
    }

    @Override
    public int compareTo(EagId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
