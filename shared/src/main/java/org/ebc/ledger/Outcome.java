package org.ebc.ledger;

import org.jspecify.annotations.Nullable;

/**
 * What a ledger decoder or verifier returns instead of throwing: the value, or the reason it was refused
 * and a detail for the log. {@code value} is non-null exactly when the input was accepted.
 *
 * @param <R> the decoder's reason enum (its {@code OK} constant for an accepted input)
 * @param <T> the decoded value
 * @param reason why the input was accepted or refused
 * @param detail one line for an operator (what was wrong, never a secret)
 * @param value the decoded value, null if refused
 */
public record Outcome<R extends Enum<R>, T>(
        R reason, String detail, @Nullable T value) {

    public static <R extends Enum<R>, T> Outcome<R, T> ok(R ok, T value) {
        return new Outcome<>(ok, "ok", value);
    }

    public static <R extends Enum<R>, T> Outcome<R, T> refuse(R reason, String detail) {
        return new Outcome<>(reason, detail, null);
    }

    public boolean isOk() {
        return value != null;
    }

    /** The value of an accepted input; for callers that have just checked {@link #isOk()}. */
    public T orElseThrow() {
        T v = value;
        if (v == null) {
            throw new IllegalStateException("refused (" + reason + "): " + detail);
        }
        return v;
    }

    /** The same refusal with another value type, for a decoder that passes an inner refusal on. */
    public <U> Outcome<R, U> refusal() {
        if (value != null) {
            throw new IllegalStateException("not a refusal");
        }
        return new Outcome<>(reason, detail, null);
    }
}
