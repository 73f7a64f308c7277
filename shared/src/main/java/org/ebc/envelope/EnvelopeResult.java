package org.ebc.envelope;

/** The outcome of decoding or verifying an envelope; decoders return this instead of throwing. */
public record EnvelopeResult(EnvelopeReason reason, String detail, SignedEnvelope envelope) {

    static EnvelopeResult ok(SignedEnvelope e) {
        return new EnvelopeResult(EnvelopeReason.OK, "ok", e);
    }

    static EnvelopeResult reject(EnvelopeReason reason, String detail) {
        return new EnvelopeResult(reason, detail, null);
    }

    public boolean isOk() {
        return reason == EnvelopeReason.OK;
    }
}
