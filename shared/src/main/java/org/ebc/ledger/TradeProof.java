package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.jspecify.annotations.Nullable;

/**
 * A self-contained proof that a meter's signed readings settled a bill whose payment is in a committed block
 * ({@code eag-gateway ledger prove reading:…|bill:…}; {@code docs/ledger.md} §10c): the meter's two border
 * readings of the slot (OCMF, as the meter signed them) and its certificate, the bill as the EAG issued it, the
 * EAG's {@link ReadingUse} statement tying the meter's node to the bill's address, and the {@link InclusionProof}
 * of the transfer that paid the bill. {@link #check} needs nothing but the authority's root certificate. One JSON
 * object, fields in this order, no spaces, the inclusion proof last and inline:
 *
 * <pre>{"typ":"ebc-trade-proof","v":1,"meter":"&lt;base64 DER certificate&gt;","start":"&lt;base64 OCMF&gt;",
 *  "end":"&lt;base64 OCMF&gt;","use":"&lt;base64 reading-use envelope&gt;","bill":"&lt;base64 bill envelope&gt;",
 *  "payment":{…an ebc-proof…}}</pre>
 *
 * @param meterCertificate the meter node's certificate, DER
 * @param start the border reading at the slot's start, exact bytes
 * @param end the border reading at the slot's end, exact bytes
 * @param use the EAG's signed {@link ReadingUse}
 * @param bill the EAG's signed {@link Bill}
 * @param payment the {@link InclusionProof} of the transfer that paid it, as {@link InclusionProof#toJson} writes it
 */
public record TradeProof(byte[] meterCertificate, byte[] start, byte[] end, byte[] use, byte[] bill, byte[] payment) {
    public static final String TYPE = "ebc-trade-proof";
    /** How far a border reading's time may be from its border (the gateway's settlement allows the same). */
    public static final Duration BORDER_TOLERANCE = Duration.ofSeconds(2);

    private static final byte[] PAYMENT_FIELD = ",\"payment\":".getBytes(StandardCharsets.UTF_8);

    /** Why a trade proof does not hold. */
    public enum Reason {
        HOLDS,
        MALFORMED,
        /** The inclusion proof of the payment does not hold (its own reason in the detail). */
        PAYMENT_INVALID,
        NOT_A_TRANSFER,
        BILL_INVALID,
        /** The transfer in the block does not pay this bill: other bill, payer, payee or amount. */
        BILL_NOT_PAID_BY_TRANSFER,
        USE_INVALID,
        /** The EAG's statement is about another bill, slot, address or other readings. */
        USE_MISMATCH,
        METER_CERTIFICATE_INVALID,
        READING_INVALID,
        /** The readings are not this meter's, not the node's, or not at the slot's borders. */
        READING_MISMATCH,
        /** A register at a border is flagged (error flag, status not good) or its clock unsynchronised. */
        READING_FLAGGED,
        /** The bill's energy is more than the meter measured between the borders. */
        ENERGY_NOT_MEASURED
    }

    /**
     * What a proof that holds shows.
     *
     * @param start the reading at the slot's start
     * @param end the reading at the slot's end
     * @param use the EAG's statement
     * @param bill the bill
     * @param transfer the transfer that paid it
     * @param payment the payment's inclusion in its block
     * @param measured the energy the meter measured on the bill's side (import for a payer, export for a payee)
     */
    public record Proven(
            OcmfPayload start,
            OcmfPayload end,
            ReadingUse use,
            Bill bill,
            Transfer transfer,
            InclusionProof.Proven payment,
            Energy measured) {}

    public TradeProof {
        meterCertificate = meterCertificate.clone();
        start = start.clone();
        end = end.clone();
        use = use.clone();
        bill = bill.clone();
        payment = payment.clone();
    }

    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeNumberField("v", 1);
            g.writeStringField("meter", b64.encodeToString(meterCertificate));
            g.writeStringField("start", b64.encodeToString(start));
            g.writeStringField("end", b64.encodeToString(end));
            g.writeStringField("use", b64.encodeToString(use));
            g.writeStringField("bill", b64.encodeToString(bill));
            g.writeFieldName("payment");
            g.writeRawValue(new String(payment, StandardCharsets.UTF_8));
            g.writeEndObject();
        });
    }

    /** True if the bytes look like a trade proof (its {@code typ} first), as opposed to a plain inclusion proof. */
    public static boolean isOne(byte[] json) {
        byte[] head = ("{\"typ\":\"" + TYPE + "\"").getBytes(StandardCharsets.UTF_8);
        return json.length >= head.length && Arrays.equals(Arrays.copyOf(json, head.length), head);
    }

    /** Reads a proof's structure; empty if it is not one in its one spelling (nothing is verified yet). */
    public static Optional<TradeProof> parse(byte[] json) {
        Optional<JsonNode> o = StrictJson.parseObject(json);
        if (o.isEmpty() || o.get().size() != 8 || !o.get().path("payment").isObject()) {
            return Optional.empty();
        }
        JsonNode n = o.get();
        try {
            if (!TYPE.equals(StrictJson.text(n, "typ")) || !Long.valueOf(1).equals(StrictJson.wholeNumber(n, "v"))) {
                return Optional.empty();
            }
            String meter = StrictJson.text(n, "meter");
            String start = StrictJson.text(n, "start");
            String end = StrictJson.text(n, "end");
            String use = StrictJson.text(n, "use");
            String bill = StrictJson.text(n, "bill");
            // The inclusion proof is the last field: its bytes run from after ,"payment": to the closing brace.
            // No string before it can hold that sequence (base64 has no quotes), and the spelling check
            // below refuses anything this did not read exactly.
            int at = lastIndexOf(json, PAYMENT_FIELD);
            if (meter == null || start == null || end == null || use == null || bill == null || at < 0) {
                return Optional.empty();
            }
            byte[] payment = Arrays.copyOfRange(json, at + PAYMENT_FIELD.length, json.length - 1);
            TradeProof p = new TradeProof(
                    InclusionProof.canonicalBase64(meter),
                    InclusionProof.canonicalBase64(start),
                    InclusionProof.canonicalBase64(end),
                    InclusionProof.canonicalBase64(use),
                    InclusionProof.canonicalBase64(bill),
                    payment);
            return Arrays.equals(p.toJson(), json) ? Optional.of(p) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Checks a trade proof with nothing but the authority's root certificate. Pure; never throws. */
    public static Outcome<Reason, Proven> check(byte[] json, X509Certificate authorityRoot) {
        Optional<TradeProof> parsed = parse(json);
        if (parsed.isEmpty()) {
            return Outcome.refuse(Reason.MALFORMED, "not an ebc-trade-proof v1 in its one spelling");
        }
        return parsed.get().verify(authorityRoot);
    }

    private Outcome<Reason, Proven> verify(X509Certificate root) {
        Outcome<InclusionProof.Reason, InclusionProof.Proven> paid = InclusionProof.check(payment, root);
        if (!paid.isOk()) {
            return Outcome.refuse(Reason.PAYMENT_INVALID, paid.reason() + ": " + paid.detail());
        }
        InclusionProof.Proven inBlock = paid.orElseThrow();
        if (!(inBlock.transaction().body() instanceof TxBody.TransferTx t)) {
            return Outcome.refuse(
                    Reason.NOT_A_TRANSFER,
                    "the proven transaction is a "
                            + inBlock.transaction().kind().wire() + ", not a transfer");
        }
        Genesis genesis = inBlock.genesis();

        Decoded<Bill> b = eagSigned(bill, genesis, Bill::from, Bill::eag);
        if (!b.isOk()) {
            return Outcome.refuse(Reason.BILL_INVALID, b.problem());
        }
        Bill theBill = b.value();
        Transfer transfer = t.transfer();
        if (!transfer.bill().equals(theBill.id())
                || !transfer.payer().equals(theBill.payer())
                || !transfer.payee().equals(theBill.payee())
                || !transfer.amount().equals(theBill.amount())) {
            return Outcome.refuse(
                    Reason.BILL_NOT_PAID_BY_TRANSFER,
                    "the transfer pays " + transfer.amount() + " from " + transfer.payer() + " to " + transfer.payee()
                            + " for bill " + transfer.bill() + "; the bill " + theBill.id() + " is "
                            + theBill.amount() + " from " + theBill.payer() + " to " + theBill.payee());
        }

        Decoded<ReadingUse> u = eagSigned(use, genesis, ReadingUse::from, ReadingUse::eag);
        if (!u.isOk()) {
            return Outcome.refuse(Reason.USE_INVALID, u.problem());
        }
        ReadingUse statement = u.value();
        boolean payer = ReadingUse.PAYER.equals(statement.role());
        if (!statement.eag().equals(theBill.eag())
                || !statement.bill().equals(theBill.id())
                || statement.seq() != theBill.seq()
                || !statement.slot().equals(theBill.slot())
                || !statement.address().equals(payer ? theBill.payer() : theBill.payee())) {
            return Outcome.refuse(
                    Reason.USE_MISMATCH,
                    "the EAG's statement names bill " + statement.bill() + " (" + statement.eag() + ", seq "
                            + statement.seq() + ", slot " + statement.slot() + ", " + statement.role() + " "
                            + statement.address() + "), not this bill");
        }
        if (!Sha256.hex(start).equals(statement.start()) || !Sha256.hex(end).equals(statement.end())) {
            return Outcome.refuse(
                    Reason.USE_MISMATCH, "the readings are not the ones the EAG's statement names (SHA-256 differs)");
        }

        X509Certificate meter;
        PublicKey meterKey;
        try {
            meter = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(meterCertificate));
            // A certificate that parses can still hold a key that does not (Bouncy Castle throws on first use).
            meterKey = meter.getPublicKey();
        } catch (CertificateException | RuntimeException e) {
            return Outcome.refuse(Reason.METER_CERTIFICATE_INVALID, "the meter certificate does not read as X.509");
        }
        if (!Arrays.equals(encoded(meter), meterCertificate)) {
            // The parser stops after one certificate: bytes after it would change the proof, not what it proves.
            return Outcome.refuse(Reason.METER_CERTIFICATE_INVALID, "the meter field is not one DER certificate");
        }
        OcmfResult first = OcmfVerifier.verifyThenParse(start, meterKey);
        OcmfResult last = OcmfVerifier.verifyThenParse(end, meterKey);
        if (!first.isOk() || !last.isOk()) {
            OcmfResult bad = first.isOk() ? last : first;
            return Outcome.refuse(
                    Reason.READING_INVALID,
                    (first.isOk() ? "end" : "start") + " reading: " + bad.reason() + " " + bad.detail());
        }
        OcmfPayload s = first.record().payload();
        OcmfPayload e = last.record().payload();
        CertificateCheck cc = new CertificateValidator(root).check(meter, readingTime(s), CertificateRole.NODE);
        if (!cc.isValid()) {
            return Outcome.refuse(
                    Reason.METER_CERTIFICATE_INVALID,
                    "at the start reading's time: " + cc.reason() + " " + cc.detail());
        }
        if (!cc.subject().id().equals(statement.node().value())
                || !s.meterSerial().equals(cc.subject().meterSerial())
                || !e.meterSerial().equals(cc.subject().meterSerial())) {
            return Outcome.refuse(
                    Reason.READING_MISMATCH,
                    "the certificate is node " + cc.subject().id() + " on meter "
                            + cc.subject().meterSerial()
                            + "; the statement names node " + statement.node() + ", the readings meters "
                            + s.meterSerial() + " and " + e.meterSerial());
        }
        if (e.page().compareTo(s.page()) <= 0) {
            return Outcome.refuse(Reason.READING_MISMATCH, "the end reading's page is not after the start's");
        }
        String border = atBorder(s, statement.slot(), "start");
        if (border == null) {
            border = atBorder(e, statement.slotEnd(), "end");
        }
        if (border != null) {
            return Outcome.refuse(Reason.READING_MISMATCH, border);
        }
        Optional<OcmfReading> si = s.reading(Obis.IMPORT_ACTIVE_ENERGY);
        Optional<OcmfReading> ei = e.reading(Obis.IMPORT_ACTIVE_ENERGY);
        Optional<OcmfReading> se = s.reading(Obis.EXPORT_ACTIVE_ENERGY);
        Optional<OcmfReading> ee = e.reading(Obis.EXPORT_ACTIVE_ENERGY);
        List<Optional<OcmfReading>> used = payer ? List.of(si, ei) : List.of(se, ee);
        for (Optional<OcmfReading> r : used) {
            if (r.isEmpty()) {
                return Outcome.refuse(
                        Reason.READING_MISMATCH,
                        "a border reading has no " + (payer ? "import" : "export") + " register");
            }
            if (!r.get().isGood() || r.get().clock() == ClockStatus.U) {
                return Outcome.refuse(
                        Reason.READING_FLAGGED,
                        "a border register is flagged: status " + r.get().status() + ", error flags '"
                                + r.get().errorFlags() + "', clock " + r.get().clock());
            }
        }
        Energy from = used.get(0).orElseThrow().value();
        Energy to = used.get(1).orElseThrow().value();
        if (to.isLessThan(from)) {
            return Outcome.refuse(Reason.READING_MISMATCH, "the register runs backwards between the borders");
        }
        Energy measured = to.minus(from);
        if (measured.isLessThan(theBill.energy())) {
            return Outcome.refuse(
                    Reason.ENERGY_NOT_MEASURED,
                    "the bill is for " + theBill.energy() + "; the meter's " + (payer ? "import" : "export")
                            + " register moved " + measured);
        }
        return Outcome.ok(Reason.HOLDS, new Proven(s, e, statement, theBill, transfer, inBlock, measured));
    }

    /** A refusal text, or null if {@code p} is a border reading ({@code TX = B}) taken at {@code border}. */
    private static @Nullable String atBorder(OcmfPayload p, Instant border, String which) {
        if (p.readings().stream().noneMatch(r -> "B".equals(r.transaction()))) {
            return "the " + which + " reading is not a slot-border reading (TX=B)";
        }
        Duration off = Duration.between(border, readingTime(p)).abs();
        if (off.compareTo(BORDER_TOLERANCE) > 0) {
            return "the " + which + " reading was taken at " + readingTime(p) + ", " + off.toMillis()
                    + " ms from the slot's " + which + " " + border;
        }
        return null;
    }

    private static Instant readingTime(OcmfPayload p) {
        return p.readings().get(0).time();
    }

    /** Verifies an envelope under the genesis's EAG keys and decodes it; its {@code from} must be its signer. */
    private static <T> Decoded<T> eagSigned(
            byte[] raw, Genesis genesis, Function<SignedEnvelope, Decoded<T>> decode, Function<T, EagId> claimedEag) {
        EnvelopeResult r =
                EnvelopeCodec.verify(raw, k -> genesis.memberByKeyId(k).map(EagMember::key));
        if (!r.isOk()) {
            return Decoded.failure(r.reason() + ": " + r.detail());
        }
        Decoded<T> d = decode.apply(r.envelope());
        if (!d.isOk()) {
            return d;
        }
        EagId signer = genesis.memberByKeyId(r.envelope().keyId()).orElseThrow().id();
        if (!signer.equals(claimedEag.apply(d.value()))) {
            return Decoded.failure("signed by " + signer + " but names " + claimedEag.apply(d.value()));
        }
        return d;
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
    }

    private static int lastIndexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
