package org.ebc.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * ECDSA P-256 / SHA-256 signatures in DER form over exact byte strings. {@link #verify} never throws:
 * a malformed or non-canonical DER signature is simply not valid, so a signature cannot be varied
 * byte-wise without failing. That rule is checked here ({@link #isCanonicalDer}), not left to the provider:
 * Bouncy Castle re-encodes and compares, but the JDK's SunEC reads an integer whose sign bit is set as
 * positive, which would let a second encoding of one signature through.
 *
 * <p>Thread-safe: each thread keeps its own {@link Signature} objects, because creating one per call
 * costs a provider lookup on the hot ingest path. They are made again if {@link Crypto#useProvider}
 * changed the provider since.
 */
public final class Signatures {
    private static final ThreadLocal<Signature> SIGNER = new ThreadLocal<>();
    private static final ThreadLocal<Signature> VERIFIER = new ThreadLocal<>();

    private Signatures() {}

    // Identity, not equals: a Provider is a Properties map whose equals compares every entry (~5,600 for Bouncy
    // Castle, some 100-300 µs), which on every sign and verify cost more than the signature itself.
    @SuppressWarnings("ReferenceEquality")
    private static Signature current(ThreadLocal<Signature> cache) {
        Signature s = cache.get();
        if (s == null || s.getProvider() != Crypto.provider()) {
            s = newInstance();
            cache.set(s);
        }
        return s;
    }

    private static Signature newInstance() {
        try {
            return Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, Crypto.provider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    Crypto.SIGNATURE_ALGORITHM + " missing from "
                            + Crypto.provider().getName(),
                    e);
        }
    }

    /** Signs {@code data} (the exact bytes that will travel) and returns the DER signature. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = current(SIGNER);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** True only if {@code derSignature} is a valid signature of {@code key} over exactly {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] derSignature) {
        if (key == null
                || data == null
                || derSignature == null
                || derSignature.length < 8
                || derSignature.length > 80
                || !isCanonicalDer(derSignature)) {
            return false;
        }
        try {
            Signature s = current(VERIFIER);
            s.initVerify(key);
            s.update(data);
            return s.verify(derSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Hostile input: a broken DER structure is "not valid", never an exception past this point.
            VERIFIER.remove();
            return false;
        }
    }

    /**
     * True if {@code der} is the one DER encoding of a pair of positive integers: {@code SEQUENCE {INTEGER r,
     * INTEGER s}} with short-form lengths (a P-256 signature is at most 72 bytes), each integer minimal (no
     * leading zero byte unless the next byte has its top bit set) and positive, nothing after the sequence.
     * Every signature Bouncy Castle accepts passes (it re-encodes and compares), so this refuses nothing
     * it would have verified.
     */
    static boolean isCanonicalDer(byte[] der) {
        if (der.length < 8 || der[0] != 0x30 || (der[1] & 0xFF) != der.length - 2) {
            return false;
        }
        int next = integerEnd(der, 2);
        return next > 0 && integerEnd(der, next) == der.length;
    }

    /** The offset after a minimal positive DER INTEGER at {@code at}, or -1 if there is none. */
    private static int integerEnd(byte[] der, int at) {
        if (at + 2 > der.length || der[at] != 0x02) {
            return -1;
        }
        int len = der[at + 1] & 0xFF;
        int body = at + 2;
        if (len == 0 || len > 33 || body + len > der.length) {
            return -1;
        }
        if (der[body] < 0) {
            return -1; // negative
        }
        if (der[body] == 0 && len > 1 && der[body + 1] >= 0) {
            return -1; // a leading zero that is not needed
        }
        return body + len;
    }
}
