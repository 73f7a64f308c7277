package org.ebc.credit;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * The bank's answer to a node's {@link CreditMessage}, signed by the EAG, on {@code ebc/v1/<eag>/node/<node>/credit};
 * for a credit payment it goes to the seller and, with the new token, to the borrower (step 4).
 *
 * <pre>{"typ":"credit-answer","from":"&lt;eag&gt;","seq":n,"ts":ms,"node":"&lt;to&gt;","re":&lt;the message's seq&gt;,
 *  "op":"request|pay|repay|notice","result":"ok|&lt;refusal reason&gt;","detail":"…","credit":&lt;value&gt;,
 *  "token":"&lt;base64 token or empty&gt;"}</pre>
 *
 * <p>{@code credit} is the node's credit value on the bank's record, which a token request must state (step 1).
 */
public record CreditAnswer(
        EagId eag,
        long seq,
        Instant at,
        NodeId node,
        long re,
        String op,
        String result,
        String detail,
        long credit,
        byte[] token) {
    /** Credit values a message may carry (the bank's rules keep them far inside). */
    public static final long MAX_CREDIT = 1_000_000_000_000L;

    public static final String TYPE = "credit-answer";
    public static final String OK = "ok";

    public CreditAnswer {
        Objects.requireNonNull(result, "result");
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    public boolean ok() {
        return OK.equals(result);
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeNumberField("re", re);
            g.writeStringField("op", op);
            g.writeStringField("result", result);
            g.writeStringField("detail", detail);
            g.writeNumberField("credit", credit);
            g.writeStringField("token", Base64.getEncoder().encodeToString(token));
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<CreditAnswer> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        long re = f.whole("re", 0, Long.MAX_VALUE);
        String op = f.word("op", java.util.List.of("request", "pay", "repay", "notice"));
        String result = f.text("result", 64);
        String detail = f.optionalText("detail", 1024);
        long credit = f.whole("credit", -MAX_CREDIT, MAX_CREDIT);
        String token = f.optionalText("token", CreditMessage.MAX_TOKEN_BYTES * 2);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException x) {
            return Decoded.failure("token: not base64");
        }
        return f.result(() -> new CreditAnswer(
                eag, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), node, re, op, result, detail, credit, raw));
    }
}
