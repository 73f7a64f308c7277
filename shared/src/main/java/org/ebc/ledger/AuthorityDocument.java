package org.ebc.ledger;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;

/**
 * The steps every document the authority signs with its root key goes through before its own fields are read (the
 * genesis, the registrations): within its size limit, a signed envelope, signed with the root's key, the signature
 * verifying, a payload of the one accepted encoding, of the expected type, and {@code from} the root's name. Each
 * document's reason enum has a constant of the same name for each refusal here, so a caller's reasons stay its own.
 */
final class AuthorityDocument {
    private AuthorityDocument() {}

    /** Why a document is not the authority's document of the expected type. */
    enum Refusal {
        TOO_LARGE,
        MALFORMED_ENVELOPE,
        NOT_FROM_AUTHORITY,
        BAD_SIGNATURE,
        MALFORMED
    }

    /**
     * @param reasons the caller's reason enum: its constants named as {@link Refusal}'s are the refusals returned
     * @return the envelope, its signature by the root verified and {@code typ} = {@code type}, or a refusal
     */
    static <R extends Enum<R>> Outcome<R, SignedEnvelope> open(
            byte[] raw, X509Certificate root, int maxBytes, String type, Class<R> reasons) {
        if (raw.length > maxBytes) {
            return refuse(reasons, Refusal.TOO_LARGE, raw.length + " bytes, limit " + maxBytes);
        }
        EnvelopeResult framed = EnvelopeCodec.frame(raw, maxBytes);
        if (!framed.isOk()) {
            return refuse(reasons, Refusal.MALFORMED_ENVELOPE, framed.reason() + ": " + framed.detail());
        }
        PublicKey rootKey = root.getPublicKey();
        if (!framed.envelope().keyId().equals(KeyId.of(rootKey))) {
            return refuse(reasons, Refusal.NOT_FROM_AUTHORITY, "not signed with the authority root's key");
        }
        if (!Signatures.verify(
                rootKey, framed.envelope().payloadBytes(), framed.envelope().signatureDer())) {
            return refuse(reasons, Refusal.BAD_SIGNATURE, "the authority's signature does not verify");
        }
        EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
        if (!parsed.isOk()) {
            return refuse(reasons, Refusal.MALFORMED, parsed.detail());
        }
        SignedEnvelope e = parsed.envelope();
        if (!type.equals(e.type())) {
            return refuse(reasons, Refusal.MALFORMED, "typ must be " + type);
        }
        Optional<String> authority = Certificates.subjectOf(root).map(CertificateSubject::id);
        if (authority.isEmpty() || !authority.get().equals(e.from())) {
            return refuse(reasons, Refusal.NOT_FROM_AUTHORITY, "from is not the authority root's name");
        }
        return Outcome.ok(Enum.valueOf(reasons, "OK"), e);
    }

    private static <R extends Enum<R>> Outcome<R, SignedEnvelope> refuse(
            Class<R> reasons, Refusal refusal, String detail) {
        return Outcome.refuse(Enum.valueOf(reasons, refusal.name()), detail);
    }
}
