package org.ebc.ledger;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The billing EAG's statement, inside a {@link TradeProof}, of which meter readings settled which side of a bill:
 * node {@code node} holds {@code address}, the bill's payer or payee, and its border readings at the start and the
 * end of the bill's slot are the OCMF records whose SHA-256 are {@code start} and {@code end}. Bills name addresses
 * only (DESIGN §2: pseudonymous wallets); this statement is the one place a proof ties an address to a meter, and
 * it rests on the EAG that issued the bill, a member the genesis certifies.
 *
 * <pre>{"typ":"reading-use","from":"&lt;eag&gt;","seq":&lt;bill seq&gt;,"ts":&lt;ms&gt;,"bill":"&lt;bill id&gt;",
 *  "node":"&lt;node&gt;","address":"&lt;address&gt;","role":"payer|payee","slot":&lt;slot start ms&gt;,
 *  "length":&lt;slot length ms&gt;,"start":"&lt;sha-256 hex&gt;","end":"&lt;sha-256 hex&gt;"}</pre>
 *
 * @param eag the EAG that billed
 * @param seq the bill's sequence number (the statement is about that bill)
 * @param at when the EAG signed this statement
 * @param bill the bill's id
 * @param node the node whose readings these are
 * @param address the bill's address that node holds
 * @param role {@link #PAYER} or {@link #PAYEE}: which of the bill's addresses
 * @param slot the slot's start
 * @param lengthMs the slot's length
 * @param start SHA-256 (hex) of the border reading at the slot's start
 * @param end SHA-256 (hex) of the border reading at the slot's end
 */
public record ReadingUse(
        EagId eag,
        long seq,
        Instant at,
        String bill,
        NodeId node,
        WalletAddress address,
        String role,
        Instant slot,
        long lengthMs,
        String start,
        String end) {
    public static final String TYPE = "reading-use";
    public static final String PAYER = "payer";
    public static final String PAYEE = "payee";

    public ReadingUse {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(slot, "slot");
        if (!PAYER.equals(role) && !PAYEE.equals(role)) {
            throw new IllegalArgumentException("role is payer or payee, not " + role);
        }
        if (lengthMs <= 0) {
            throw new IllegalArgumentException("a slot's length is positive: " + lengthMs);
        }
        if (Sha256Hash.parseHex(start).isEmpty() || Sha256Hash.parseHex(end).isEmpty()) {
            throw new IllegalArgumentException("start and end are SHA-256 digests in lowercase hex");
        }
    }

    /** Where the slot ends: the instant of the second border reading. */
    public Instant slotEnd() {
        return slot.plusMillis(lengthMs);
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("bill", bill);
            g.writeStringField("node", node.value());
            g.writeStringField("address", address.toString());
            g.writeStringField("role", role);
            g.writeNumberField("slot", slot.toEpochMilli());
            g.writeNumberField("length", lengthMs);
            g.writeStringField("start", start);
            g.writeStringField("end", end);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    /** Reads a verified envelope's payload; never throws. */
    public static Decoded<ReadingUse> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        String bill = f.reference("bill");
        NodeId node = f.node("node");
        WalletAddress address = f.address("address");
        String role = f.word("role", List.of(PAYER, PAYEE));
        long slot = f.whole("slot", 0, Long.MAX_VALUE / 2);
        long length = f.whole("length", 1, Long.MAX_VALUE / 2);
        String start = f.digest("start");
        String end = f.digest("end");
        return f.result(() -> new ReadingUse(
                eag,
                e.seq(),
                Instant.ofEpochMilli(e.timestampMillis()),
                bill,
                node,
                address,
                role,
                Instant.ofEpochMilli(slot),
                length,
                start,
                end));
    }
}
