package org.ebc.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Signatures;
import org.ebc.json.SignedFrame;
import org.ebc.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * Writes, frames and verifies {@link SignedEnvelope}s. The key id sits in the signature section, so the
 * verifier finds the key and checks the signature before it parses the payload.
 *
 * <p>Thread-safe and stateless; never throws on hostile input.
 */
public final class EnvelopeCodec {
    /** Default size limit; blocks may need a larger one, passed explicitly. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private static final byte[] PREFIX = "EBC1|".getBytes(StandardCharsets.US_ASCII);
    private static final java.util.Set<String> SIGNATURE_FIELDS = java.util.Set.of("KI", "SA", "SD");

    private EnvelopeCodec() {}

    /**
     * Signs payload bytes that already contain {@code typ}, {@code from}, {@code seq} and {@code ts}
     * (build them with {@link StrictJson#write}).
     */
    public static byte[] sign(byte[] payloadJson, PrivateKey key, KeyId keyId) {
        byte[] der = Signatures.sign(key, payloadJson);
        return assemble(payloadJson, keyId, der);
    }

    public static byte[] assemble(byte[] payloadJson, KeyId keyId, byte[] der) {
        byte[] sig = StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("KI", keyId.hex());
            g.writeStringField("SA", Crypto.WIRE_ALGORITHM);
            g.writeStringField("SD", Hex.upper(der));
            g.writeEndObject();
        });
        return SignedFrame.join(PREFIX, payloadJson, sig);
    }

    /** Frame, find the key, verify the signature, then parse and check the payload. */
    public static EnvelopeResult verify(byte[] raw, Function<KeyId, Optional<PublicKey>> keys) {
        return verify(raw, keys, DEFAULT_MAX_BYTES);
    }

    public static EnvelopeResult verify(byte[] raw, Function<KeyId, Optional<PublicKey>> keys, int maxBytes) {
        EnvelopeResult framed = frame(raw, maxBytes);
        if (!framed.isOk()) {
            return framed;
        }
        SignedEnvelope e = framed.envelope();
        Optional<PublicKey> key = keys.apply(e.keyId());
        if (key.isEmpty()) {
            return EnvelopeResult.reject(EnvelopeReason.UNKNOWN_KEY, "no key known with id " + e.keyId());
        }
        if (!Signatures.verify(key.get(), e.payloadBytes(), e.signatureDer())) {
            return EnvelopeResult.reject(
                    EnvelopeReason.BAD_SIGNATURE, "signature does not verify with key " + e.keyId());
        }
        return parsePayload(e);
    }

    /** Splits an envelope into payload, key id and signature; parses nothing inside the payload. */
    public static EnvelopeResult frame(byte[] raw, int maxBytes) {
        return frame(raw, maxBytes, true);
    }

    /** {@link #frame}, with the shortcut for a signature section as written ({@code asWritten}) or without. */
    static EnvelopeResult frame(byte[] raw, int maxBytes, boolean asWritten) {
        if (raw == null || raw.length == 0) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_FRAME, "empty message");
        }
        if (raw.length > maxBytes) {
            return EnvelopeResult.reject(EnvelopeReason.TOO_LARGE, raw.length + " bytes, limit " + maxBytes);
        }
        if (!SignedFrame.hasPrefix(raw, PREFIX)) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_FRAME, "does not start with EBC1|");
        }
        SignedFrame frame = SignedFrame.split(raw, PREFIX);
        if (frame == null) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_FRAME, "no signature section");
        }
        byte[] payload = frame.payload();
        EnvelopeResult written = asWritten ? asWritten(raw, frame) : null;
        if (written != null) {
            return written;
        }
        // The signature section first: a damaged one (its closing brace turned into a '|', say) is a
        // signature problem, not a frame problem.
        Optional<JsonNode> sig = StrictJson.parseObject(frame.signatureSection());
        if (sig.isEmpty()) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_SIGNATURE, "signature section is not a JSON object");
        }
        if (!frame.payloadLooksLikeObject()) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_FRAME, "payload section is not a JSON object");
        }
        JsonNode s = sig.get();
        // Nothing but KI, SA and SD: the section is not signed, so a field we do not understand is damage
        // or a dialect we do not speak, never something to skip.
        for (java.util.Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            if (!SIGNATURE_FIELDS.contains(names.next())) {
                return EnvelopeResult.reject(
                        EnvelopeReason.MALFORMED_SIGNATURE, "unknown field in the signature section");
            }
        }
        if (!Crypto.WIRE_ALGORITHM.equals(StrictJson.text(s, "SA"))) {
            return EnvelopeResult.reject(EnvelopeReason.UNSUPPORTED_ALGORITHM, "SA must be " + Crypto.WIRE_ALGORITHM);
        }
        String ki = StrictJson.text(s, "KI");
        if (!KeyId.isValid(ki)) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_SIGNATURE, "KI must be 32 lowercase hex characters");
        }
        byte[] der = Hex.parseUpper(StrictJson.text(s, "SD"));
        if (der == null || der.length < 8 || der.length > 80) {
            return EnvelopeResult.reject(
                    EnvelopeReason.MALFORMED_SIGNATURE, "SD must be uppercase hex of a DER signature");
        }
        return EnvelopeResult.ok(new SignedEnvelope(raw, payload, new KeyId(ki), der, null));
    }

    private static final byte[] KI_OPEN = "{\"KI\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SA_TO_SD =
            ("\",\"SA\":\"" + Crypto.WIRE_ALGORITHM + "\",\"SD\":\"").getBytes(StandardCharsets.US_ASCII);

    /**
     * The frame's result when its signature section is exactly as {@link #assemble} writes it, {@code
     * {"KI":"<32 lowercase hex>","SA":"ECDSA-secp256r1-SHA256","SD":"<16-160 uppercase hex>"}} (no space, no
     * escape), read without the JSON parser: every field of that text passes each check below, so the answer
     * is the one those checks give. Null for any other text, which the checks below then read.
     */
    static @Nullable EnvelopeResult asWritten(byte[] raw, SignedFrame frame) {
        byte[] s = frame.signatureSection();
        int sd = KI_OPEN.length + KeyId.LENGTH + SA_TO_SD.length;
        int hex = s.length - sd - 2;
        if (hex < 16
                || hex > 160
                || (hex & 1) != 0
                || !Arrays.equals(s, 0, KI_OPEN.length, KI_OPEN, 0, KI_OPEN.length)
                || !Arrays.equals(s, sd - SA_TO_SD.length, sd, SA_TO_SD, 0, SA_TO_SD.length)
                || s[s.length - 2] != '"'
                || s[s.length - 1] != '}') {
            return null;
        }
        for (int i = KI_OPEN.length; i < KI_OPEN.length + KeyId.LENGTH; i++) {
            byte c = s[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        byte[] der = new byte[hex / 2];
        for (int i = 0; i < der.length; i++) {
            int hi = upperHex(s[sd + 2 * i]);
            int lo = upperHex(s[sd + 2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return null;
            }
            der[i] = (byte) ((hi << 4) | lo);
        }
        if (!frame.payloadLooksLikeObject()) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_FRAME, "payload section is not a JSON object");
        }
        String ki = new String(s, KI_OPEN.length, KeyId.LENGTH, StandardCharsets.ISO_8859_1);
        return EnvelopeResult.ok(new SignedEnvelope(raw, frame.payload(), new KeyId(ki), der, null));
    }

    private static int upperHex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Parses a framed envelope's payload and checks the common fields. */
    public static EnvelopeResult parsePayload(SignedEnvelope framed) {
        Optional<JsonNode> json = StrictJson.parseObject(framed.payloadBytes());
        if (json.isEmpty()) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_PAYLOAD, "payload is not acceptable JSON");
        }
        JsonNode p = json.get();
        String typ = StrictJson.text(p, "typ");
        if (typ == null || typ.isEmpty() || typ.length() > 32) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_PAYLOAD, "typ missing");
        }
        String from = StrictJson.text(p, "from");
        if (from == null || from.isEmpty() || from.length() > 64) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_PAYLOAD, "from missing");
        }
        Long seq = StrictJson.wholeNumber(p, "seq");
        if (seq == null || seq < 0) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_PAYLOAD, "seq must be a whole number >= 0");
        }
        Long ts = StrictJson.wholeNumber(p, "ts");
        if (ts == null || ts < 0) {
            return EnvelopeResult.reject(EnvelopeReason.MALFORMED_PAYLOAD, "ts must be milliseconds since the epoch");
        }
        return EnvelopeResult.ok(
                new SignedEnvelope(framed.raw(), framed.payloadBytes(), framed.keyId(), framed.signatureDer(), p));
    }
}
