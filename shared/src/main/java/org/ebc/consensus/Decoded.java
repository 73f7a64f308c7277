package org.ebc.consensus;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link ConsensusCodec#decode}: a reason, a detail for the operator's log line and, when
 * the reason is {@link DecodeReason#OK}, the verified message.
 */
public record Decoded(
        DecodeReason reason, String detail, @Nullable Signed<?> message) {

    static Decoded ok(Signed<?> message) {
        return new Decoded(DecodeReason.OK, "ok", message);
    }

    static Decoded reject(DecodeReason reason, String detail) {
        return new Decoded(reason, detail, null);
    }

    public boolean isOk() {
        return reason == DecodeReason.OK;
    }

    /** The message; only after {@link #isOk()}. */
    public Signed<?> signed() {
        if (message == null) {
            throw new IllegalStateException("no message: " + reason + " (" + detail + ")");
        }
        return message;
    }
}
