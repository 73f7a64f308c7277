package org.ebc.payment;

import java.security.PublicKey;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * Checks a transfer or a co-signature by itself, with no registry: the key it carries must hash to the
 * signer's address and be the key the envelope names, and the signature must verify over the exact
 * payload bytes. Whether the address is registered, whose home EAG it has, and whether its balance and
 * nonce allow the transfer are the account pool's and the chain's questions, not this one's.
 *
 * <p>The payload is parsed before the signature is checked (the key is inside it), like a third-party OCMF
 * verifier does; the strict parser makes that safe. Stateless, thread-safe, never throws.
 */
public final class PaymentCheck {
    /** Transfers and co-signatures are small; anything larger is damage. */
    public static final int MAX_BYTES = 2_048;

    private PaymentCheck() {}

    /** A checked message: the value and its exact bytes' digest, or the reason it does not check. */
    public record Checked<T>(
            PaymentReason reason,
            String detail,
            @Nullable T value,
            @Nullable String digest) {
        public boolean ok() {
            return reason == PaymentReason.OK;
        }

        /** The checked value. @throws IllegalStateException if it did not check */
        public T get() {
            if (value == null) {
                throw new IllegalStateException("does not check: " + reason + " " + detail);
            }
            return value;
        }

        /** The exact bytes' SHA-256 (hex). @throws IllegalStateException if it did not check */
        public String digestHex() {
            if (digest == null) {
                throw new IllegalStateException("does not check: " + reason + " " + detail);
            }
            return digest;
        }

        static <T> Checked<T> refuse(PaymentReason reason, String detail) {
            return new Checked<>(reason, detail, null, null);
        }
    }

    public static Checked<Transfer> transfer(byte @Nullable [] raw) {
        EnvelopeResult parsed = parsed(raw);
        if (!parsed.isOk()) {
            return Checked.refuse(PaymentReason.MALFORMED, parsed.detail());
        }
        SignedEnvelope e = parsed.envelope();
        Decoded<Transfer> d = Transfer.from(e);
        if (!d.isOk()) {
            return Checked.refuse(PaymentReason.MALFORMED, d.problem());
        }
        Transfer t = d.value();
        String bound = bound(e, t.key(), t.payer());
        if (bound != null) {
            return Checked.refuse(PaymentReason.KEY_NOT_BOUND, bound);
        }
        if (!Signatures.verify(t.key(), e.payloadBytes(), e.signatureDer())) {
            return Checked.refuse(
                    PaymentReason.BAD_SIGNATURE, "the transfer's signature does not verify with the payer's key");
        }
        return new Checked<>(PaymentReason.OK, "ok", t, Sha256.hex(e.raw()));
    }

    /**
     * Checks a co-signature by itself: well formed, its key bound to the payee address, its signature good.
     * Whether it refers to a particular transfer is {@link #refersTo}'s question.
     */
    public static Checked<Cosign> cosign(byte @Nullable [] raw) {
        EnvelopeResult parsed = parsed(raw);
        if (!parsed.isOk()) {
            return Checked.refuse(PaymentReason.MALFORMED, parsed.detail());
        }
        SignedEnvelope e = parsed.envelope();
        Decoded<Cosign> d = Cosign.from(e);
        if (!d.isOk()) {
            return Checked.refuse(PaymentReason.MALFORMED, d.problem());
        }
        Cosign c = d.value();
        String bound = bound(e, c.key(), c.payee());
        if (bound != null) {
            return Checked.refuse(PaymentReason.KEY_NOT_BOUND, bound);
        }
        if (!Signatures.verify(c.key(), e.payloadBytes(), e.signatureDer())) {
            return Checked.refuse(PaymentReason.BAD_SIGNATURE, "the co-signature does not verify with the payee's key");
        }
        return new Checked<>(PaymentReason.OK, "ok", c, Sha256.hex(e.raw()));
    }

    /** True if {@code cosign} co-signs {@code transfer}, whose complete bytes have {@code transferDigest}. */
    public static boolean refersTo(Cosign cosign, Transfer transfer, String transferDigest) {
        return cosign.transferDigest().equals(transferDigest)
                && cosign.payer().equals(transfer.payer())
                && cosign.payee().equals(transfer.payee())
                && cosign.nonce() == transfer.nonce();
    }

    /** Checks a co-signature and that it refers to {@code transfer}, whose complete bytes have {@code transferDigest}. */
    public static Checked<Cosign> cosign(byte @Nullable [] raw, Transfer transfer, String transferDigest) {
        Checked<Cosign> c = cosign(raw);
        if (c.ok() && !refersTo(c.get(), transfer, transferDigest)) {
            return Checked.refuse(PaymentReason.COSIGN_MISMATCH, "the co-signature is for another transfer");
        }
        return c;
    }

    private static EnvelopeResult parsed(byte @Nullable [] raw) {
        EnvelopeResult framed = EnvelopeCodec.frame(raw, MAX_BYTES);
        return framed.isOk() ? EnvelopeCodec.parsePayload(framed.envelope()) : framed;
    }

    private static @Nullable String bound(SignedEnvelope e, PublicKey key, WalletAddress signer) {
        if (!KeyId.of(key).equals(e.keyId())) {
            return "the envelope is signed with key " + e.keyId() + ", not the key it carries";
        }
        if (!WalletAddress.of(key).equals(signer)) {
            return "the key it carries is not the key of address " + signer;
        }
        return null;
    }
}
