package org.ebc.json;

import java.util.Arrays;

/**
 * The framing OCMF records and our signed envelopes share: {@code <prefix><payload JSON>|<signature JSON>}.
 * The signature section never contains a {@code |}, so the last one separates the two; the payload may
 * contain any byte. Splitting parses nothing, so a verifier can check the signature over the exact payload
 * bytes before it reads them. Stateless and thread-safe.
 *
 * @param payload the bytes between the prefix and the last {@code |}: what the signature covers
 * @param signatureSection the bytes after the last {@code |}
 */
public record SignedFrame(byte[] payload, byte[] signatureSection) {

    /** True if {@code raw} starts with {@code prefix} and has something after it. */
    public static boolean hasPrefix(byte[] raw, byte[] prefix) {
        return raw.length > prefix.length && Arrays.equals(raw, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Splits a message that {@linkplain #hasPrefix has the prefix}; null if it has no signature section. */
    public static SignedFrame split(byte[] raw, byte[] prefix) {
        for (int bar = raw.length - 1; bar >= prefix.length; bar--) {
            if (raw[bar] == '|') {
                return new SignedFrame(
                        Arrays.copyOfRange(raw, prefix.length, bar), Arrays.copyOfRange(raw, bar + 1, raw.length));
            }
        }
        return null;
    }

    /** True if the payload is at least shaped like a JSON object ({@code {…}}); its content is not read. */
    public boolean payloadLooksLikeObject() {
        return payload.length >= 2 && payload[0] == '{' && payload[payload.length - 1] == '}';
    }

    /** {@code prefix + payload + '|' + signatureSection}: the bytes to publish and to keep. */
    public static byte[] join(byte[] prefix, byte[] payload, byte[] signatureSection) {
        byte[] out = new byte[prefix.length + payload.length + 1 + signatureSection.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(payload, 0, out, prefix.length, payload.length);
        out[prefix.length + payload.length] = '|';
        System.arraycopy(signatureSection, 0, out, prefix.length + payload.length + 1, signatureSection.length);
        return out;
    }
}
