package org.ebc.ledger;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A proof-of-work target: a block's header hash, read as an unsigned 256-bit big-endian number, must be
 * at most this value. Kept as the full 32 bytes in the header rather than Bitcoin's 4-byte "compact"
 * form: the header is 28 bytes longer, and in exchange there is no mantissa rounding, no sign bit and no
 * second spelling of one target. A larger target is easier; the probability that one hash meets target
 * {@code T} is {@code (T + 1) / 2^256}. Immutable.
 */
public final class Target {
    public static final int LENGTH = 32;
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    /** The easiest target there is: every hash meets it. */
    public static final Target EASIEST = fromBigInteger(TWO_256.subtract(BigInteger.ONE));

    private final byte[] bytes;

    private Target(byte[] bytes) {
        this.bytes = bytes;
    }

    /** From a number in {@code [1, 2^256 - 1]}. */
    public static Target fromBigInteger(BigInteger value) {
        if (value.signum() <= 0 || value.compareTo(TWO_256) >= 0) {
            throw new IllegalArgumentException("a target is between 1 and 2^256 - 1");
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[LENGTH];
        int copy = Math.min(raw.length, LENGTH);
        System.arraycopy(raw, raw.length - copy, out, LENGTH - copy, copy);
        return new Target(out);
    }

    /**
     * The target at which a hash meets it with probability {@code 2^-bits}: {@code 2^(256-bits) - 1}.
     * {@code bits} 0 is {@link #EASIEST}; tests and benches use a handful of bits.
     */
    public static Target ofLeadingZeroBits(int bits) {
        if (bits < 0 || bits > 255) {
            throw new IllegalArgumentException("leading zero bits must be 0-255, not " + bits);
        }
        return fromBigInteger(BigInteger.ONE.shiftLeft(256 - bits).subtract(BigInteger.ONE));
    }

    /** Reads 32 bytes; empty if they are all zero (no hash can meet target 0). */
    static Optional<Target> read(byte[] from, int offset) {
        byte[] b = Arrays.copyOfRange(from, offset, offset + LENGTH);
        return isZero(b) ? Optional.empty() : Optional.of(new Target(b));
    }

    /** Parses 64 lowercase hex characters of a non-zero target. */
    public static Optional<Target> parseHex(@Nullable String text) {
        return Sha256Hash.parseHex(text).flatMap(h -> {
            byte[] b = h.bytes();
            return isZero(b) ? Optional.empty() : Optional.of(new Target(b));
        });
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code hash} meets this target (hash ≤ target, unsigned). */
    public boolean isMetBy(Sha256Hash hash) {
        return hash.isAtMost(bytes);
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyInto(byte[] to, int offset) {
        System.arraycopy(bytes, 0, to, offset, LENGTH);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Expected number of hashes to meet this target: {@code 2^256 / (target + 1)}, rounded down. */
    public BigInteger expectedHashes() {
        return TWO_256.divide(toBigInteger().add(BigInteger.ONE));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Target t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
