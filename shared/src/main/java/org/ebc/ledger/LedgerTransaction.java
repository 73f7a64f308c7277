package org.ebc.ledger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.ledger.TxBody.AllocationTx;
import org.ebc.ledger.TxBody.AwardTx;
import org.ebc.ledger.TxBody.CreditTx;
import org.ebc.ledger.TxBody.EvidenceTx;
import org.ebc.ledger.TxBody.TransferTx;
import org.ebc.payment.Cosign;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.PaymentReason;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * What the memory pool holds and blocks carry: a transaction admitted and signed by an EAG of the
 * consortium (SPEC-payments, "Ledger transaction"). The admitting EAG must be the home EAG of the address
 * whose coins move; that rule needs the registrations and is the block validator's, as are balances,
 * nonces and duplicates. This codec checks what one envelope can show by itself:
 *
 * <pre>
 * EBC1|{"typ":"tx","from":"&lt;eag id&gt;","seq":&lt;the EAG's tx sequence ≥ 1&gt;,"ts":&lt;ms&gt;,"kind":"&lt;kind&gt;", …}|{"KI":…}
 *   transfer    "transfer":"&lt;base64 transfer envelope&gt;","cosign":"&lt;base64 cosign envelope&gt;"
 *   allocation  "to":"&lt;address&gt;","amount":&lt;minor&gt;,"node":"&lt;node id&gt;"
 *   award       "to":"&lt;address&gt;","amount":&lt;minor&gt;,"period":&lt;period start ms&gt;,"wh":&lt;energy supplied&gt;
 *   evidence    "evidence":"&lt;base64 evidence document&gt;"
 *   credit      "record":"&lt;base64 credit-bank record&gt;"
 * </pre>
 *
 * <p>{@linkplain #verify Verifying} checks, in this order: size, frame, the signer is an EAG of the
 * genesis, its signature over the exact payload bytes, then (only then) the payload: {@code from} is that
 * EAG, the kind's fields, and that the payload is exactly the encoding {@link #payloadBytes} writes (one
 * spelling per transaction, so one id). For a transfer it then verifies the inner transfer and cosign
 * (three signatures in all) and that the cosign is for that transfer.
 *
 * <p>The id is SHA-256 of the complete envelope bytes, as is the transaction's Merkle leaf value. Immutable.
 */
public final class LedgerTransaction {
    public static final String TYPE = "tx";
    /**
     * Size limit of one envelope. Evidence and credit documents are further limited by {@link StrictJson}'s
     * 16 KiB per string: at most 12,288 bytes before base64.
     */
    public static final int MAX_BYTES = 32 * 1024;

    private final byte[] raw;
    private final Sha256Hash id;
    private final EagId admittedBy;
    private final long seq;
    private final long timestampMillis;
    private final TxBody body;

    private LedgerTransaction(byte[] raw, EagId admittedBy, long seq, long timestampMillis, TxBody body) {
        this.raw = raw;
        this.id = Sha256Hash.of(raw);
        this.admittedBy = admittedBy;
        this.seq = seq;
        this.timestampMillis = timestampMillis;
        this.body = body;
    }

    /** Writes and signs an admission with the EAG's key pair. */
    public static byte[] sign(EagId eag, long seq, long timestampMillis, TxBody body, KeyPair eagKeys) {
        if (seq < 1 || timestampMillis < 0) {
            throw new IllegalArgumentException("seq must be >= 1 and ts >= 0");
        }
        return EnvelopeCodec.sign(
                payloadBytes(eag, seq, timestampMillis, body), eagKeys.getPrivate(), KeyId.of(eagKeys.getPublic()));
    }

    /** The payload an EAG signs, fields in the order above. */
    public static byte[] payloadBytes(EagId eag, long seq, long timestampMillis, TxBody body) {
        if (body instanceof TransferTx t && isPlain(eag.value())) {
            return transferPayload(eag.value(), seq, timestampMillis, t);
        }
        return payloadBytesWithJackson(eag, seq, timestampMillis, body);
    }

    /** {@link #payloadBytes} written by the JSON generator, for every kind and every id. */
    static byte[] payloadBytesWithJackson(EagId eag, long seq, long timestampMillis, TxBody body) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", timestampMillis);
            g.writeStringField("kind", body.kind().wire());
            writeBody(g, body);
            g.writeEndObject();
        });
    }

    private static final byte[] TRANSFER_HEAD = "{\"typ\":\"tx\",\"from\":\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * A transfer's payload exactly as the generator writes it, without the generator: every block validation
     * re-encodes each transfer's admission to check it is the one accepted encoding. Only for an EAG id of
     * printable ASCII other than {@code "} and {@code \}, which the generator writes as it is (no escape); the
     * kind, the numbers and base64 need none either. LedgerTransactionTest holds it to the generator's bytes.
     */
    private static byte[] transferPayload(String eag, long seq, long timestampMillis, TransferTx t) {
        Base64.Encoder b64 = Base64.getEncoder();
        byte[] transfer = b64.encode(t.transferEnvelope());
        byte[] cosign = b64.encode(t.cosignEnvelope());
        byte[] middle = ("\",\"seq\":" + seq + ",\"ts\":" + timestampMillis + ",\"kind\":\"" + TxKind.TRANSFER.wire()
                        + "\",\"transfer\":\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] between = "\",\"cosign\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte
                [TRANSFER_HEAD.length
                        + eag.length()
                        + middle.length
                        + transfer.length
                        + between.length
                        + cosign.length
                        + 2];
        int at = put(out, 0, TRANSFER_HEAD);
        for (int i = 0; i < eag.length(); i++) {
            out[at++] = (byte) eag.charAt(i); // printable ASCII (isPlain)
        }
        at = put(out, at, middle);
        at = put(out, at, transfer);
        at = put(out, at, between);
        at = put(out, at, cosign);
        out[at++] = '"';
        out[at] = '}';
        return out;
    }

    private static int put(byte[] to, int at, byte[] what) {
        System.arraycopy(what, 0, to, at, what.length);
        return at + what.length;
    }

    /** True if every character is printable ASCII other than {@code "} and {@code \}. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void writeBody(JsonGenerator g, TxBody body) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        switch (body) {
            case TransferTx t -> {
                g.writeStringField("transfer", b64.encodeToString(t.transferEnvelope()));
                g.writeStringField("cosign", b64.encodeToString(t.cosignEnvelope()));
            }
            case AllocationTx a -> {
                g.writeStringField("to", a.to().toString());
                g.writeNumberField("amount", a.amount().minorUnits());
                g.writeStringField("node", a.node().value());
            }
            case AwardTx a -> {
                g.writeStringField("to", a.to().toString());
                g.writeNumberField("amount", a.amount().minorUnits());
                g.writeNumberField("period", a.periodStartMillis());
                g.writeNumberField("wh", a.supplied().wh());
            }
            case EvidenceTx e -> g.writeStringField("evidence", b64.encodeToString(e.document()));
            case CreditTx c -> g.writeStringField("record", b64.encodeToString(c.record()));
        }
    }

    /**
     * Verifies an admission, then parses it (see the class comment); never throws.
     *
     * @param eags the consortium's EAGs by key id ({@link Genesis#memberByKeyId})
     */
    public static Outcome<TxReason, LedgerTransaction> verify(byte[] raw, Function<KeyId, Optional<EagMember>> eags) {
        return verify(raw, eags, true);
    }

    /**
     * {@link #verify}, but the transaction keeps {@code raw} itself rather than a copy: for a caller that owns
     * the array and never changes it, like the block validator with a block's envelopes ({@link
     * Block#transactions}, which nobody changes). A block of 10,000 transfers is ~18 MB of envelopes; a copy
     * of each is ~18 MB more live young objects, which every garbage collection during the validation copies.
     */
    public static Outcome<TxReason, LedgerTransaction> verifyKeeping(
            byte[] raw, Function<KeyId, Optional<EagMember>> eags) {
        return verify(raw, eags, false);
    }

    private static Outcome<TxReason, LedgerTransaction> verify(
            byte[] raw, Function<KeyId, Optional<EagMember>> eags, boolean copy) {
        if (raw.length > MAX_BYTES) {
            return Outcome.refuse(TxReason.TOO_LARGE, raw.length + " bytes, limit " + MAX_BYTES);
        }
        EnvelopeResult r = EnvelopeCodec.verify(raw, id -> eags.apply(id).map(EagMember::key), MAX_BYTES);
        switch (r.reason()) {
            case OK -> {}
            case TOO_LARGE -> {
                return Outcome.refuse(TxReason.TOO_LARGE, r.detail());
            }
            case UNKNOWN_KEY -> {
                return Outcome.refuse(TxReason.UNKNOWN_EAG, "signed by a key of no consortium EAG: " + r.detail());
            }
            case BAD_SIGNATURE -> {
                return Outcome.refuse(TxReason.BAD_SIGNATURE, r.detail());
            }
            case MALFORMED_PAYLOAD -> {
                return Outcome.refuse(TxReason.MALFORMED_PAYLOAD, r.detail());
            }
            case MALFORMED_FRAME, MALFORMED_SIGNATURE, UNSUPPORTED_ALGORITHM -> {
                return Outcome.refuse(TxReason.MALFORMED_ENVELOPE, r.reason() + ": " + r.detail());
            }
        }
        SignedEnvelope e = r.envelope();
        EagMember signer = eags.apply(e.keyId()).orElseThrow();
        if (!TYPE.equals(e.type())) {
            return Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "typ is not " + TYPE);
        }
        if (!signer.id().value().equals(e.from())) {
            return Outcome.refuse(
                    TxReason.BAD_SIGNATURE, "from names " + e.from() + " but the signer is " + signer.id());
        }
        if (e.seq() < 1) {
            return Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "seq must be >= 1");
        }
        Optional<TxKind> kind = TxKind.fromWire(
                Optional.ofNullable(StrictJson.text(e.payload(), "kind")).orElse(""));
        if (kind.isEmpty()) {
            return Outcome.refuse(TxReason.UNKNOWN_KIND, "kind missing or unknown");
        }
        Outcome<TxReason, TxBody> body = parseBody(kind.get(), e.payload());
        TxBody b = body.value();
        if (b == null) {
            return body.refusal();
        }
        if (!Arrays.equals(payloadBytes(signer.id(), e.seq(), e.timestampMillis(), b), e.payloadBytes())) {
            return Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "payload is not in the one accepted encoding");
        }
        return Outcome.ok(
                TxReason.OK,
                new LedgerTransaction(copy ? raw.clone() : raw, signer.id(), e.seq(), e.timestampMillis(), b));
    }

    private static Outcome<TxReason, TxBody> parseBody(TxKind kind, JsonNode p) {
        return switch (kind) {
            case TRANSFER -> transfer(p);
            case ALLOCATION -> {
                Optional<WalletAddress> to = WalletAddress.tryParse(StrictJson.text(p, "to"));
                Long amount = StrictJson.wholeNumber(p, "amount");
                String node = StrictJson.text(p, "node");
                if (to.isEmpty() || amount == null || amount <= 0 || !NodeId.isValid(node)) {
                    yield Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "allocation: to, amount (> 0) or node invalid");
                }
                yield Outcome.ok(
                        TxReason.OK, new AllocationTx(to.get(), CoinAmount.ofMinorUnits(amount), NodeId.of(node)));
            }
            case AWARD -> {
                Optional<WalletAddress> to = WalletAddress.tryParse(StrictJson.text(p, "to"));
                Long amount = StrictJson.wholeNumber(p, "amount");
                Long period = StrictJson.wholeNumber(p, "period");
                Long wh = StrictJson.wholeNumber(p, "wh");
                if (to.isEmpty()
                        || amount == null
                        || amount <= 0
                        || period == null
                        || period < 0
                        || wh == null
                        || wh <= 0) {
                    yield Outcome.refuse(
                            TxReason.MALFORMED_PAYLOAD, "award: to, amount (> 0), period (>= 0) or wh (> 0) invalid");
                }
                yield Outcome.ok(
                        TxReason.OK, new AwardTx(to.get(), CoinAmount.ofMinorUnits(amount), period, Energy.ofWh(wh)));
            }
            case EVIDENCE -> {
                byte[] doc = base64(StrictJson.text(p, "evidence"));
                yield doc == null || doc.length == 0
                        ? Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "evidence: not base64 of a document")
                        : Outcome.ok(TxReason.OK, new EvidenceTx(doc));
            }
            case CREDIT -> {
                byte[] rec = base64(StrictJson.text(p, "record"));
                yield rec == null || rec.length == 0
                        ? Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "credit: record is not base64 of a record")
                        : Outcome.ok(TxReason.OK, new CreditTx(rec));
            }
        };
    }

    private static Outcome<TxReason, TxBody> transfer(JsonNode p) {
        byte[] t = base64(StrictJson.text(p, "transfer"));
        byte[] c = base64(StrictJson.text(p, "cosign"));
        if (t == null || c == null) {
            return Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "transfer: transfer and cosign must be base64");
        }
        PaymentCheck.Checked<Transfer> transfer = PaymentCheck.transfer(t);
        if (!transfer.ok()) {
            return Outcome.refuse(
                    transfer.reason() == PaymentReason.MALFORMED
                            ? TxReason.MALFORMED_TRANSFER
                            : TxReason.BAD_TRANSFER_SIGNATURE,
                    "transfer: " + transfer.reason() + ": " + transfer.detail());
        }
        PaymentCheck.Checked<Cosign> cosign = PaymentCheck.cosign(c, transfer.get(), transfer.digestHex());
        if (!cosign.ok()) {
            TxReason r = switch (cosign.reason()) {
                case MALFORMED -> TxReason.MALFORMED_COSIGN;
                case COSIGN_MISMATCH -> TxReason.COSIGN_MISMATCH;
                case OK, KEY_NOT_BOUND, BAD_SIGNATURE -> TxReason.BAD_COSIGN_SIGNATURE;
            };
            return Outcome.refuse(r, "cosign: " + cosign.reason() + ": " + cosign.detail());
        }
        return Outcome.ok(TxReason.OK, new TransferTx(t, transfer.get(), c, cosign.get()));
    }

    private static byte @Nullable [] base64(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The transaction id: SHA-256 of the complete envelope bytes (also its Merkle leaf value). */
    public Sha256Hash id() {
        return id;
    }

    /** The complete envelope bytes (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    public int size() {
        return raw.length;
    }

    public EagId admittedBy() {
        return admittedBy;
    }

    /** The admitting EAG's transaction sequence (rising from 1; idempotence, not a chain rule). */
    public long seq() {
        return seq;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public TxKind kind() {
        return body.kind();
    }

    public TxBody body() {
        return body;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LedgerTransaction t && id.equals(t.id) && Arrays.equals(raw, t.raw);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "tx " + id + " (" + body.kind().wire() + ", admitted by " + admittedBy + " #" + seq + ")";
    }
}
