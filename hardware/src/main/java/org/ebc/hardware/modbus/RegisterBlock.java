package org.ebc.hardware.modbus;

import java.util.Arrays;

/**
 * Consecutive 16-bit input registers as one device answered them. Immutable.
 *
 * @see #float32At(int)
 */
public final class RegisterBlock {
    private final int firstAddress;
    private final byte[] data;

    RegisterBlock(int firstAddress, byte[] data) {
        if (data.length % 2 != 0) {
            throw new IllegalArgumentException("registers are 16 bits: " + data.length + " bytes");
        }
        this.firstAddress = firstAddress;
        this.data = data.clone();
    }

    public int firstAddress() {
        return firstAddress;
    }

    public int registerCount() {
        return data.length / 2;
    }

    /** The unsigned 16-bit register at {@code address}. */
    public int registerAt(int address) {
        int i = indexOf(address, 1);
        return ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
    }

    /**
     * The IEEE-754 single-precision value in the two registers starting at {@code address}, high word first
     * and each word big-endian (Eastron's layout). The float is the device's value; callers convert it
     * exactly ({@link DeviceValues}), never through {@code double}.
     */
    public float float32At(int address) {
        int i = indexOf(address, 2);
        int bits = ((data[i] & 0xFF) << 24)
                | ((data[i + 1] & 0xFF) << 16)
                | ((data[i + 2] & 0xFF) << 8)
                | (data[i + 3] & 0xFF);
        return Float.intBitsToFloat(bits);
    }

    private int indexOf(int address, int registers) {
        int offset = address - firstAddress;
        if (offset < 0 || offset + registers > registerCount()) {
            throw new IllegalArgumentException(String.format(
                    "register 0x%04X (%d words) is outside 0x%04X..0x%04X",
                    address, registers, firstAddress, firstAddress + registerCount() - 1));
        }
        return offset * 2;
    }

    @Override
    public String toString() {
        return String.format("registers 0x%04X+%d %s", firstAddress, registerCount(), Arrays.toString(data));
    }
}
