package org.ebc.trade;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * The EAG's answer to something a node sent (an order, a transfer, a co-signature, later a loan request),
 * signed by the EAG and published on {@code ebc/v1/<eag>/node/<node>/receipt}:
 *
 * <pre>{"typ":"receipt","from":"&lt;eag&gt;","seq":&lt;receipt sequence&gt;,"ts":&lt;ms&gt;,"node":"&lt;node&gt;",
 *  "about":"order|transfer|cosign|…","ref":"&lt;what it answers&gt;","status":"accepted|pending|applied|refused",
 *  "reason":"&lt;reason code or OK&gt;","detail":"&lt;sentence&gt;"}</pre>
 *
 * <p>{@code accepted}: durably stored (fsync'd) — for an order, it is in the book. {@code pending}: admitted
 * but waiting (a transfer waiting for the payee's co-signature). {@code applied}: done (a payment moved the
 * coins). {@code refused}: nothing changed; {@code reason} says why. The gateway sends a receipt only after
 * what it reports is committed to its database.
 *
 * @param about what kind of message this answers (a lowercase word, so later parts add kinds freely)
 * @param ref the answered message's id: an order's sequence, a transfer's digest, a bill id
 */
public record Receipt(
        EagId eag,
        long seq,
        Instant at,
        NodeId node,
        String about,
        String ref,
        Status status,
        String reason,
        String detail) {
    public static final String TYPE = "receipt";
    private static final Pattern ABOUT = Pattern.compile("[a-z][a-z-]{0,23}");

    /** Where the answered message stands. */
    public enum Status {
        ACCEPTED("accepted"),
        PENDING("pending"),
        APPLIED("applied"),
        REFUSED("refused");

        static final List<String> WORDS = List.of("accepted", "pending", "applied", "refused");
        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Status ofWord(String w) {
            return values()[WORDS.indexOf(w)];
        }
    }

    public Receipt {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
        if (!ABOUT.matcher(about).matches()) {
            throw new IllegalArgumentException("about must be a lowercase word, not " + about);
        }
        if (!PayloadFields.REFERENCE.matcher(ref).matches()) {
            throw new IllegalArgumentException("ref must be 1-64 characters of [A-Za-z0-9._:/-], not " + ref);
        }
        if (reason.isEmpty() || reason.length() > 64) {
            throw new IllegalArgumentException("reason must be 1-64 characters");
        }
        detail = detail.length() > 300 ? detail.substring(0, 300) : detail;
    }

    public boolean refused() {
        return status == Status.REFUSED;
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeStringField("about", about);
            g.writeStringField("ref", ref);
            g.writeStringField("status", status.word());
            g.writeStringField("reason", reason);
            g.writeStringField("detail", detail);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<Receipt> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        String about = f.text("about", 24);
        String ref = f.reference("ref");
        String status = f.word("status", Status.WORDS);
        String reason = f.text("reason", 64);
        String detail = f.optionalText("detail", 300);
        return f.result(() -> new Receipt(
                eag,
                e.seq(),
                Instant.ofEpochMilli(e.timestampMillis()),
                node,
                about,
                ref,
                Status.ofWord(status),
                reason,
                detail));
    }
}
