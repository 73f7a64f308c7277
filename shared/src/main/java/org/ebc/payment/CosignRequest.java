package org.ebc.payment;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * The EAG asks a payee's node to co-sign a transfer to it, on {@code ebc/v1/<eag>/node/<node>/payment}. It
 * carries the payer's signed transfer as received and the latest state the payee checks it against: the
 * payer address's balance available to this transfer (after everything pending before it).
 *
 * <pre>{"typ":"cosign-request","from":"&lt;eag&gt;","seq":&lt;sequence&gt;,"ts":&lt;ms&gt;,"node":"&lt;payee node&gt;",
 *  "bill":"&lt;bill id&gt;","transfer":"&lt;base64 of the transfer envelope&gt;","covered":&lt;minor units available&gt;}</pre>
 */
public record CosignRequest(
        EagId eag, long seq, Instant at, NodeId node, String bill, byte[] transfer, CoinAmount covered) {
    public static final String TYPE = "cosign-request";

    public CosignRequest {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(covered, "covered");
        transfer = transfer.clone();
        if (!PayloadFields.REFERENCE.matcher(bill).matches() || transfer.length > PaymentCheck.MAX_BYTES) {
            throw new IllegalArgumentException("bad co-signature request");
        }
    }

    @Override
    public byte[] transfer() {
        return transfer.clone();
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeStringField("bill", bill);
            g.writeStringField("transfer", java.util.Base64.getEncoder().encodeToString(transfer));
            g.writeNumberField("covered", covered.minorUnits());
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<CosignRequest> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        String bill = f.reference("bill");
        byte[] transfer = f.base64("transfer", PaymentCheck.MAX_BYTES);
        CoinAmount covered = f.amount("covered");
        return f.result(() -> new CosignRequest(
                eag, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), node, bill, transfer, covered));
    }
}
