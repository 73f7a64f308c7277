package org.ebc.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * ECDSA P-256 / SHA-256 signatures in DER form over exact byte strings. {@link #verify} never throws:
 * a malformed or non-canonical DER signature is simply not valid (Bouncy Castle re-encodes and compares,
 * so a signature cannot be varied byte-wise without failing).
 *
 * <p>Thread-safe: each thread keeps its own {@link Signature} objects, because creating one per call
 * costs a provider lookup on the hot ingest path.
 */
public final class Signatures {
    private static final ThreadLocal<Signature> SIGNER = ThreadLocal.withInitial(Signatures::newInstance);
    private static final ThreadLocal<Signature> VERIFIER = ThreadLocal.withInitial(Signatures::newInstance);

    private Signatures() {}

    private static Signature newInstance() {
        try {
            return Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, Crypto.provider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA missing from Bouncy Castle", e);
        }
    }

    /** Signs {@code data} (the exact bytes that will travel) and returns the DER signature. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = SIGNER.get();
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** True only if {@code derSignature} is a valid signature of {@code key} over exactly {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] derSignature) {
        if (key == null || data == null || derSignature == null || derSignature.length < 8 || derSignature.length > 80) {
            return false;
        }
        try {
            Signature s = VERIFIER.get();
            s.initVerify(key);
            s.update(data);
            return s.verify(derSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Hostile input: a broken DER structure is "not valid", never an exception past this point.
            VERIFIER.remove();
            return false;
        }
    }
}
