package org.ebc.ocmf;

/**
 * A framed OCMF record: the exact bytes received, the exact payload bytes the signature covers, the
 * DER signature, and (once parsed) the payload. Arrays are never copied on the hot path; treat them as
 * read-only.
 *
 * @param raw the whole record, {@code OCMF|<payload>|<signature>}, exactly as received or produced
 * @param payloadBytes the payload section, the bytes the signature covers
 * @param signatureDer the signature ({@code SD}) decoded from hex
 * @param payload the parsed payload, or null while only framed
 */
public record OcmfRecord(byte[] raw, byte[] payloadBytes, byte[] signatureDer, OcmfPayload payload) {

    OcmfRecord withPayload(OcmfPayload p) {
        return new OcmfRecord(raw, payloadBytes, signatureDer, p);
    }

    public String rawText() {
        return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }
}
