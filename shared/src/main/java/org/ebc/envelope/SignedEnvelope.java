package org.ebc.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import org.ebc.crypto.KeyId;

/**
 * A signed message other than a meter reading (orders, bills, payments, tokens, loans, blocks, audit
 * votes, commits, acknowledgements): {@code EBC1|<payload JSON>|{"KI":…,"SA":…,"SD":…}}. The signature
 * covers exactly {@link #payloadBytes()}; there is no canonicalisation step.
 *
 * <p>Every payload carries the fields that make it idempotent and ordered: {@code typ} (message kind),
 * {@code from} (the sender's node or EAG id), {@code seq} (the sender's sequence number or nonce for
 * this kind) and {@code ts} (milliseconds since the epoch, the sender's clock).
 *
 * @param raw the whole envelope as received or produced
 * @param payloadBytes the signed payload
 * @param keyId the signer's key id
 * @param signatureDer the DER signature
 * @param payload the parsed payload (null while only framed)
 */
public record SignedEnvelope(byte[] raw, byte[] payloadBytes, KeyId keyId, byte[] signatureDer, JsonNode payload) {

    public String type() {
        return payload.get("typ").textValue();
    }

    public String from() {
        return payload.get("from").textValue();
    }

    public long seq() {
        return payload.get("seq").longValue();
    }

    public long timestampMillis() {
        return payload.get("ts").longValue();
    }
}
