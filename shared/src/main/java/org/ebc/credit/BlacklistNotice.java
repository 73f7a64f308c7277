package org.ebc.credit;

import java.security.PrivateKey;
import java.time.Instant;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * Case three's broadcast (paper §III.3): the lending EAG's signed statement that {@code node} defaulted on loan
 * {@code token}, on {@code ebc/v1/consortium/<eag>/credit-blacklist}. Every EAG checks the signature against the
 * genesis's EAG keys and refuses the node from then on.
 *
 * <pre>{"typ":"credit-blacklist","from":"&lt;eag&gt;","seq":n,"ts":ms,"node":"&lt;node&gt;","token":"&lt;loan&gt;"}</pre>
 */
public record BlacklistNotice(EagId eag, long seq, Instant at, NodeId node, String token) {
    public static final String TYPE = "credit-blacklist";

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeStringField("token", token);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<BlacklistNotice> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        String token = f.reference("token");
        return f.result(
                () -> new BlacklistNotice(eag, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), node, token));
    }
}
