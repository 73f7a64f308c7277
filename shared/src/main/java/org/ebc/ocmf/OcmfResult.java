package org.ebc.ocmf;

/**
 * The outcome of decoding or verifying an OCMF record: {@link OcmfReason#OK} with the record, or a reason
 * and a one-line detail. Decoders return this instead of throwing.
 */
public record OcmfResult(OcmfReason reason, String detail, OcmfRecord record) {

    public static OcmfResult ok(OcmfRecord record) {
        return new OcmfResult(OcmfReason.OK, "ok", record);
    }

    public static OcmfResult reject(OcmfReason reason, String detail) {
        return new OcmfResult(reason, detail, null);
    }

    public boolean isOk() {
        return reason == OcmfReason.OK;
    }
}
