package org.ebc.ocmf;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.Hex;
import org.ebc.crypto.Signatures;
import org.ebc.json.SignedFrame;
import org.ebc.json.StrictJson;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;

/**
 * Writes and reads OCMF records ({@code OCMF|<payload JSON>|<signature JSON>}), DESIGN §3.
 *
 * <p>Writing: the payload is serialised once, in a fixed field order, and those exact bytes are signed and
 * sent; nobody re-serialises before verifying. Reading is strict and never throws: every problem comes
 * back as an {@link OcmfResult} with a reason.
 *
 * <p>Thread-safe and stateless.
 */
public final class OcmfCodec {
    /** Records above this size are refused before any parsing (ours are about 600 bytes). */
    public static final int MAX_RECORD_BYTES = 8 * 1024;

    public static final int MAX_READINGS = 16;

    private static final byte[] PREFIX = "OCMF|".getBytes(StandardCharsets.US_ASCII);
    /** The fields of OCMF's signature section: algorithm, encoding, mime type and the signature data. */
    private static final java.util.Set<String> SIGNATURE_FIELDS = java.util.Set.of("SA", "SE", "SM", "SD");

    private static final DateTimeFormatter WRITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss,SSSxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter READ_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss,SSSxx").withResolverStyle(ResolverStyle.STRICT);

    private OcmfCodec() {}

    // ---------------------------------------------------------------- writing

    /** The exact payload bytes for {@code p}; the readings are written in list order. */
    public static byte[] payloadBytes(OcmfPayload p) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("FV", p.formatVersion());
            g.writeStringField("GI", p.gatewayIdentification());
            g.writeStringField("GS", p.gatewaySerial());
            g.writeStringField("GV", p.gatewayVersion());
            g.writeStringField("PG", p.page().ocmf());
            g.writeStringField("MV", p.meterVendor());
            g.writeStringField("MM", p.meterModel());
            g.writeStringField("MS", p.meterSerial());
            g.writeStringField("MF", p.meterFirmware());
            g.writeBooleanField("IS", false);
            g.writeStringField("IL", "NONE");
            g.writeArrayFieldStart("IF");
            g.writeEndArray();
            g.writeStringField("IT", "NONE");
            g.writeStringField("ID", "");
            g.writeArrayFieldStart("RD");
            for (OcmfReading r : p.readings()) {
                g.writeStartObject();
                g.writeStringField("TM", formatTime(r.time(), r.clock()));
                g.writeStringField("TX", r.transaction());
                g.writeNumberField("RV", r.value().wh());
                g.writeStringField("RI", r.obis());
                g.writeStringField("RU", "Wh");
                g.writeStringField("RT", "AC");
                g.writeStringField("EF", r.errorFlags());
                g.writeStringField("ST", r.status());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Signs the payload and frames the record: the bytes to publish and to keep. */
    public static byte[] sign(OcmfPayload payload, PrivateKey key) {
        byte[] payloadBytes = payloadBytes(payload);
        return assemble(payloadBytes, Signatures.sign(key, payloadBytes));
    }

    /** Frames already-signed payload bytes (for example a signature made by a secure element or openssl). */
    public static byte[] assemble(byte[] payloadBytes, byte[] derSignature) {
        byte[] sig = StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("SA", Crypto.WIRE_ALGORITHM);
            g.writeStringField("SD", Hex.upper(derSignature));
            g.writeEndObject();
        });
        return SignedFrame.join(PREFIX, payloadBytes, sig);
    }

    public static String formatTime(Instant t, ClockStatus clock) {
        return WRITE_TIME.format(t) + " " + clock.name();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Splits a record into payload bytes and signature without parsing the payload, so that a verifier
     * can check the signature before it parses anything the signer did not vouch for.
     */
    public static OcmfResult frame(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return OcmfResult.reject(OcmfReason.MALFORMED_FRAME, "empty message");
        }
        if (raw.length > MAX_RECORD_BYTES) {
            return OcmfResult.reject(OcmfReason.TOO_LARGE, raw.length + " bytes, limit " + MAX_RECORD_BYTES);
        }
        if (!SignedFrame.hasPrefix(raw, PREFIX)) {
            return OcmfResult.reject(OcmfReason.MALFORMED_FRAME, "does not start with OCMF|");
        }
        SignedFrame frame = SignedFrame.split(raw, PREFIX);
        if (frame == null) {
            return OcmfResult.reject(OcmfReason.MALFORMED_FRAME, "no signature section");
        }
        byte[] payload = frame.payload();
        byte[] sigSection = frame.signatureSection();
        // The signature section is judged before the payload's shape: a damaged signature section (its
        // closing brace turned into a '|', say) must be reported as a signature problem, not as a frame problem.
        Optional<JsonNode> sig = StrictJson.parseObject(sigSection);
        if (sig.isEmpty()) {
            return OcmfResult.reject(OcmfReason.MALFORMED_SIGNATURE, "signature section is not a JSON object");
        }
        if (!frame.payloadLooksLikeObject()) {
            return OcmfResult.reject(OcmfReason.MALFORMED_FRAME, "payload section is not a JSON object");
        }
        JsonNode s = sig.get();
        // Only the fields OCMF defines for the signature section, and SA always. The section is not signed:
        // a field we do not understand (or an "SA" damaged into "RA") is damage or a dialect we do not
        // speak, never something to skip. SA is required because OCMF's default for a missing SA is not P-256.
        for (java.util.Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SIGNATURE_FIELDS.contains(name)) {
                return OcmfResult.reject(OcmfReason.MALFORMED_SIGNATURE, "unknown field in the signature section");
            }
        }
        JsonNode sa = s.get("SA");
        if (sa == null || !(sa.isTextual() && Crypto.WIRE_ALGORITHM.equals(sa.textValue()))) {
            return OcmfResult.reject(OcmfReason.UNSUPPORTED_ALGORITHM, "SA must be " + Crypto.WIRE_ALGORITHM);
        }
        JsonNode se = s.get("SE");
        if (se != null && !(se.isTextual() && "hex".equals(se.textValue()))) {
            return OcmfResult.reject(OcmfReason.UNSUPPORTED_ALGORITHM, "SE must be hex");
        }
        JsonNode sm = s.get("SM");
        if (sm != null && !(sm.isTextual() && "application/x-der".equals(sm.textValue()))) {
            return OcmfResult.reject(OcmfReason.UNSUPPORTED_ALGORITHM, "SM must be application/x-der");
        }
        byte[] der = Hex.parseUpper(StrictJson.text(s, "SD"));
        if (der == null || der.length < 8 || der.length > 80) {
            return OcmfResult.reject(OcmfReason.MALFORMED_SIGNATURE, "SD must be uppercase hex of a DER signature");
        }
        return OcmfResult.ok(new OcmfRecord(raw, payload, der, null));
    }

    /** Frames and parses a record without verifying its signature. */
    public static OcmfResult decode(byte[] raw) {
        OcmfResult framed = frame(raw);
        return framed.isOk() ? parsePayload(framed.record()) : framed;
    }

    /** Parses the payload of a framed record. */
    public static OcmfResult parsePayload(OcmfRecord framed) {
        Optional<JsonNode> json = StrictJson.parseObject(framed.payloadBytes());
        if (json.isEmpty()) {
            return OcmfResult.reject(OcmfReason.MALFORMED_PAYLOAD, "payload is not acceptable JSON");
        }
        JsonNode o = json.get();
        String fv = StrictJson.text(o, "FV");
        String gs = StrictJson.text(o, "GS");
        String ms = StrictJson.text(o, "MS");
        PageCounter pg = PageCounter.parseOcmf(StrictJson.text(o, "PG"));
        if (fv == null || fv.isEmpty()) {
            return bad("FV missing");
        }
        if (!NodeId.isValid(gs)) {
            return bad("GS missing or not a node id");
        }
        if (!MeterSerial.isValid(ms)) {
            return bad("MS missing or not a meter serial");
        }
        if (pg == null) {
            return bad("PG missing or not T<n>");
        }
        JsonNode rd = o.get("RD");
        if (rd == null || !rd.isArray() || rd.isEmpty() || rd.size() > MAX_READINGS) {
            return bad("RD must be an array of 1.." + MAX_READINGS + " readings");
        }
        List<OcmfReading> readings = new ArrayList<>(rd.size());
        for (JsonNode r : rd) {
            if (!r.isObject()) {
                return bad("RD entry is not an object");
            }
            String problem = readReading(r, readings);
            if (problem != null) {
                return bad(problem);
            }
        }
        OcmfPayload p = new OcmfPayload(
                fv,
                orEmpty(o, "GI"),
                gs,
                orEmpty(o, "GV"),
                pg,
                orEmpty(o, "MV"),
                orEmpty(o, "MM"),
                ms,
                orEmpty(o, "MF"),
                readings);
        return OcmfResult.ok(framed.withPayload(p));
    }

    private static String readReading(JsonNode r, List<OcmfReading> out) {
        String tm = StrictJson.text(r, "TM");
        if (tm == null || tm.length() != 30 || tm.charAt(28) != ' ') {
            return "TM must be yyyy-MM-ddTHH:mm:ss,fff+zzzz and a clock letter";
        }
        Instant time;
        try {
            time = java.time.OffsetDateTime.parse(tm.substring(0, 28), READ_TIME)
                    .toInstant();
        } catch (RuntimeException e) {
            return "TM is not a valid time";
        }
        ClockStatus clock = ClockStatus.fromLetter(tm.substring(29));
        if (clock == null) {
            return "TM clock status must be U, I, S or R";
        }
        String tx = StrictJson.text(r, "TX");
        if (tx == null || tx.length() != 1) {
            return "TX must be one letter";
        }
        String ri = StrictJson.text(r, "RI");
        if (ri == null || ri.isEmpty() || ri.length() > 32) {
            return "RI missing";
        }
        String ru = StrictJson.text(r, "RU");
        Energy value = energy(r.get("RV"), ru);
        if (value == null) {
            return "RV must be a non-negative register in Wh (whole) or kWh (at most 3 decimals)";
        }
        JsonNode ef = r.get("EF");
        if (ef != null && !ef.isTextual()) {
            return "EF must be a string";
        }
        String st = StrictJson.text(r, "ST");
        if (st == null || st.length() != 1) {
            return "ST must be one letter";
        }
        out.add(new OcmfReading(time, clock, tx, value, ri, ef == null ? "" : ef.textValue(), st));
        return null;
    }

    private static Energy energy(JsonNode rv, String unit) {
        if (rv == null || !rv.isNumber() || unit == null) {
            return null;
        }
        // Hostile numbers: "RV":1e99999999 is 15 bytes, and expanding it to an integer (toBigIntegerExact)
        // costs half a minute of CPU; 1E2147483647 in kWh overflows the scale while moving the point. So
        // everything happens inside the try, and longValueExact refuses more than 19 integer digits before
        // it expands anything.
        try {
            BigDecimal v = rv.decimalValue();
            if (v.signum() < 0) {
                return null;
            }
            BigDecimal wh;
            if ("Wh".equals(unit)) {
                wh = v;
            } else if ("kWh".equals(unit)) {
                wh = v.movePointRight(3);
            } else {
                return null;
            }
            return Energy.ofWh(wh.longValueExact());
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String orEmpty(JsonNode o, String field) {
        String t = StrictJson.text(o, field);
        return t == null ? "" : t;
    }

    private static OcmfResult bad(String detail) {
        return OcmfResult.reject(OcmfReason.MALFORMED_PAYLOAD, detail);
    }
}
