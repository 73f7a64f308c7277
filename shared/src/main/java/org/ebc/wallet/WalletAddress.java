package org.ebc.wallet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A wallet address: the pseudonym a node trades under (DESIGN §2). It is the Base58Check text of a
 * version byte and the first 20 bytes of SHA-256 over the wallet public key's SubjectPublicKeyInfo, with
 * a 4-byte double-SHA-256 checksum, as bitcoinj does for its addresses. A mistyped character changes
 * the checksum and the address is rejected (undetected with probability 2^-32).
 *
 * <p>The address says nothing about the node's identity; only the EAG's account pool maps it back.
 */
public final class WalletAddress implements Comparable<WalletAddress> {
    /** Version byte; makes every address start with the same letters and keeps other uses apart. */
    static final byte VERSION = 0x21;

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** Each ASCII character's digit in {@link #ALPHABET}, or -1 (what {@code ALPHABET.indexOf} answers). */
    private static final byte[] DIGIT = digits();

    private final byte[] hash;
    /**
     * The Base58Check text, written when first asked for: an address made from a key is often only compared
     * (a transfer's key against its payer, on every block validation), and the text costs two SHA-256 and a
     * Base58 division. A benign race: two threads may both write the same immutable string.
     */
    private @Nullable String text;

    /** {@code hash} is not copied: callers pass an array nobody else holds. */
    private WalletAddress(byte[] hash, @Nullable String text) {
        this.hash = hash;
        this.text = text;
    }

    public static WalletAddress of(PublicKey walletKey) {
        return ofSpki(walletKey.getEncoded());
    }

    /** The address of the key whose SubjectPublicKeyInfo DER is {@code spki} (what {@link #of} hashes). */
    public static WalletAddress ofSpki(byte[] spki) {
        return new WalletAddress(Arrays.copyOf(sha256(spki), 20), null);
    }

    /** Why a text is not an address. */
    public enum Problem {
        EMPTY,
        BAD_CHARACTER,
        BAD_LENGTH,
        WRONG_VERSION,
        BAD_CHECKSUM
    }

    /** A parse outcome: the address, or the problem. */
    public record Parsed(WalletAddress address, Problem problem) {
        public boolean isOk() {
            return address != null;
        }
    }

    public static Parsed parse(String text) {
        if (text == null || text.isEmpty()) {
            return new Parsed(null, Problem.EMPTY);
        }
        if (text.length() > 40) {
            return new Parsed(null, Problem.BAD_LENGTH);
        }
        byte[] digits = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = c < DIGIT.length ? DIGIT[c] : -1;
            if (d < 0) {
                return new Parsed(null, Problem.BAD_CHARACTER);
            }
            digits[i] = (byte) d;
        }
        byte[] big = twosComplement(fromBase58(digits));
        // Strip the sign byte; version byte 0x21 is never zero, so no leading-'1' zero bytes.
        byte[] bytes = big.length > 25 && big[0] == 0 ? Arrays.copyOfRange(big, 1, big.length) : big;
        if (bytes.length != 25) {
            return new Parsed(null, Problem.BAD_LENGTH);
        }
        if (bytes[0] != VERSION) {
            return new Parsed(null, Problem.WRONG_VERSION);
        }
        byte[] body = Arrays.copyOf(bytes, 21);
        byte[] check = Arrays.copyOf(sha256(sha256(body)), 4);
        if (!Arrays.equals(check, 0, 4, bytes, 21, 25)) {
            return new Parsed(null, Problem.BAD_CHECKSUM);
        }
        // Base58 writes a number one way except for leading zero digits ('1'), which decoding skips. The bytes
        // are 25 with a non-zero first byte, so the address's own text is the text without leading '1's: any
        // other spelling of these bytes starts with a '1' (WalletAddressTest holds this to re-encoding).
        if (text.charAt(0) == ALPHABET.charAt(0)) {
            return new Parsed(null, Problem.BAD_CHARACTER);
        }
        return new Parsed(new WalletAddress(Arrays.copyOfRange(bytes, 1, 21), text), null);
    }

    public static Optional<WalletAddress> tryParse(String text) {
        return Optional.ofNullable(parse(text).address());
    }

    public byte[] hash() {
        return hash.clone();
    }

    private static String encode(byte[] hash20) {
        byte[] body = new byte[21];
        body[0] = VERSION;
        System.arraycopy(hash20, 0, body, 1, 20);
        byte[] all = Arrays.copyOf(body, 25);
        System.arraycopy(sha256(sha256(body)), 0, all, 21, 4);
        return toBase58(all);
    }

    /*
     * Base58 by long division on the digits themselves (what BigInteger did here before, a few times faster: every
     * block validation parses each transfer's addresses, WalletAddressTest compares the two on random input).
     */

    /** The base-58 digits of the unsigned big-endian number {@code bytes}, most significant first, no leading zero. */
    static String toBase58(byte[] bytes) {
        byte[] n = bytes.clone();
        char[] out = new char[n.length * 2];
        int at = out.length;
        int start = 0;
        while (start < n.length && n[start] == 0) {
            start++;
        }
        while (start < n.length) {
            int rem = 0;
            for (int i = start; i < n.length; i++) {
                int acc = (rem << 8) | (n[i] & 0xff);
                n[i] = (byte) (acc / 58);
                rem = acc % 58;
            }
            out[--at] = ALPHABET.charAt(rem);
            while (start < n.length && n[start] == 0) {
                start++;
            }
        }
        return new String(out, at, out.length - at);
    }

    /**
     * The unsigned big-endian bytes, without leading zero bytes, of the number whose base-58 digits these are.
     * Four digits at a time into 32-bit limbs (58^4 &lt; 2^24, so a limb times 58^4 plus the carry fits a long):
     * every block validation parses four addresses per transfer.
     */
    static byte[] fromBase58(byte[] digits) {
        int[] limbs = new int[digits.length * 6 / 32 + 2]; // little-endian; 58 < 2^6
        int used = 0;
        for (int i = 0; i < digits.length; ) {
            int k = Math.min(4, digits.length - i);
            long mul = 1;
            long carry = 0;
            for (int j = 0; j < k; j++) {
                mul *= 58;
                carry = carry * 58 + digits[i + j];
            }
            i += k;
            for (int l = 0; l < used; l++) {
                long v = (limbs[l] & 0xFFFFFFFFL) * mul + carry;
                limbs[l] = (int) v;
                carry = v >>> 32;
            }
            if (carry != 0) {
                limbs[used++] = (int) carry;
            }
        }
        if (used == 0) {
            return new byte[0];
        }
        int top = limbs[used - 1];
        int topBytes = 4 - Integer.numberOfLeadingZeros(top) / 8;
        byte[] out = new byte[(used - 1) * 4 + topBytes];
        int at = 0;
        for (int b = topBytes - 1; b >= 0; b--) {
            out[at++] = (byte) (top >>> (8 * b));
        }
        for (int l = used - 2; l >= 0; l--) {
            int v = limbs[l];
            out[at++] = (byte) (v >>> 24);
            out[at++] = (byte) (v >>> 16);
            out[at++] = (byte) (v >>> 8);
            out[at++] = (byte) v;
        }
        return out;
    }

    private static byte[] digits() {
        byte[] d = new byte[128];
        Arrays.fill(d, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            d[ALPHABET.charAt(i)] = (byte) i;
        }
        return d;
    }

    /** What {@code new BigInteger(1, magnitude).toByteArray()} gives: a 0 byte first when the top bit is set. */
    private static byte[] twosComplement(byte[] magnitude) {
        if (magnitude.length == 0 || (magnitude[0] & 0x80) != 0) {
            byte[] b = new byte[magnitude.length + 1];
            System.arraycopy(magnitude, 0, b, 1, magnitude.length);
            return b;
        }
        return magnitude;
    }

    /** One digest per thread: {@code MessageDigest.getInstance} costs more than hashing 25 bytes. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] sha256(byte[] data) {
        // digest() resets the instance, so it is ready for the next call on this thread.
        return SHA256.get().digest(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletAddress w && Arrays.equals(hash, w.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public int compareTo(WalletAddress o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = encode(hash);
            text = t;
        }
        return t;
    }
}
