package org.ebc.units;

/** The serial number of the physical meter (OCMF {@code MS}), bound to the node by its certificate. */
public record MeterSerial(String value) implements Comparable<MeterSerial> {

    public MeterSerial {
        Identifier.require("meter serial", value);
    }

    public static MeterSerial of(String value) {
        return new MeterSerial(value);
    }

    /** True if {@code value} has the shape of a meter serial; for validators that must not throw. */
    public static boolean isValid(String value) {
        return Identifier.isValid(value);
    }

    @Override
    public int compareTo(MeterSerial other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
