package org.ebc.envelope;

import java.util.Objects;
import java.util.function.Function;

/**
 * What decoding a message's payload gave: the value, or the first problem found (a sentence naming the
 * field). Decoders of signed messages return this instead of throwing, so an edge can refuse hostile
 * input with a reason and carry on.
 *
 * @param <T> the decoded message type
 */
public final class Decoded<T> {
    private final T value;
    private final String problem;

    private Decoded(T value, String problem) {
        this.value = value;
        this.problem = problem;
    }

    public static <T> Decoded<T> of(T value) {
        return new Decoded<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Decoded<T> failure(String problem) {
        return new Decoded<>(null, Objects.requireNonNull(problem, "problem"));
    }

    public boolean isOk() {
        return value != null;
    }

    /** @throws IllegalStateException if decoding failed; check {@link #isOk} first */
    public T value() {
        if (value == null) {
            throw new IllegalStateException("not decoded: " + problem);
        }
        return value;
    }

    /** @throws IllegalStateException if decoding succeeded */
    public String problem() {
        if (problem == null) {
            throw new IllegalStateException("decoded without a problem");
        }
        return problem;
    }

    public <U> Decoded<U> map(Function<T, U> f) {
        return value == null ? failure(problem) : of(f.apply(value));
    }

    @Override
    public String toString() {
        return value != null ? "Decoded[" + value + "]" : "Decoded[problem=" + problem + "]";
    }
}
