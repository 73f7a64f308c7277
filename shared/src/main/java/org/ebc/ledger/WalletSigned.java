package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.wallet.WalletAddress;

/**
 * An envelope signed by a wallet key that it carries itself ({@code "key"}): the format of
 * {@link Transfer} and {@link Cosign}. Because the key is inside the payload, the payload has to be parsed
 * before the signature can be checked (the only place in ebc where that order is reversed); nothing read
 * from it is trusted until the key, its id ({@code KI}), the address in {@code from} and the signature all
 * agree.
 *
 * @param envelope the framed envelope (payload bytes, key id, signature)
 * @param payload the parsed payload
 * @param key the signer's key, as carried (with its canonical text, id and address)
 * @param from the signer's address ({@code WalletAddress.of(key)})
 * @param seq the payload's {@code seq}
 * @param timestampMillis the payload's {@code ts}
 */
record WalletSigned(
        SignedEnvelope envelope,
        JsonNode payload,
        WalletKeys.WalletKey key,
        WalletAddress from,
        long seq,
        long timestampMillis) {

    static Decoded<TxReason, WalletSigned> open(
            byte[] raw, int maxBytes, String type, TxReason malformed, TxReason badSignature) {
        if (raw.length > maxBytes) {
            return Decoded.refuse(TxReason.TOO_LARGE, type + " of " + raw.length + " bytes, limit " + maxBytes);
        }
        EnvelopeResult framed = EnvelopeCodec.frame(raw, maxBytes);
        if (!framed.isOk()) {
            return Decoded.refuse(malformed, type + ": " + framed.reason() + ": " + framed.detail());
        }
        SignedEnvelope e = framed.envelope();
        Optional<JsonNode> json = StrictJson.parseObject(e.payloadBytes());
        if (json.isEmpty()) {
            return Decoded.refuse(malformed, type + " payload is not acceptable JSON");
        }
        JsonNode p = json.get();
        if (!type.equals(StrictJson.text(p, "typ"))) {
            return Decoded.refuse(malformed, "typ is not " + type);
        }
        Optional<WalletAddress> from = WalletKeys.address(StrictJson.text(p, "from"));
        if (from.isEmpty()) {
            return Decoded.refuse(malformed, type + ": from is not a wallet address");
        }
        Long seq = StrictJson.wholeNumber(p, "seq");
        Long ts = StrictJson.wholeNumber(p, "ts");
        if (seq == null || seq < 1 || ts == null || ts < 0) {
            return Decoded.refuse(malformed, type + ": seq must be >= 1 and ts milliseconds since the epoch");
        }
        Optional<WalletKeys.WalletKey> key = WalletKeys.fromBase64(StrictJson.text(p, "key"));
        if (key.isEmpty()) {
            return Decoded.refuse(malformed, type + ": key is not the base64 SubjectPublicKeyInfo of a P-256 key");
        }
        if (!key.get().keyId().equals(e.keyId())) {
            return Decoded.refuse(badSignature, type + ": KI is not the id of the key it carries");
        }
        if (!key.get().address().equals(from.get())) {
            return Decoded.refuse(badSignature, type + ": the key it carries is not the key of " + from.get());
        }
        if (!Signatures.verify(key.get().key(), e.payloadBytes(), e.signatureDer())) {
            return Decoded.refuse(badSignature, type + ": signature does not verify with the key of " + from.get());
        }
        return Decoded.ok(TxReason.OK, new WalletSigned(e, p, key.get(), from.get(), seq, ts));
    }
}
