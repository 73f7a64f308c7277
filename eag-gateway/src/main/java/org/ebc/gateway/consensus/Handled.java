package org.ebc.gateway.consensus;

/**
 * The core's answer to one input: a verdict and a detail for the operator's log line.
 *
 * @param verdict what happened
 * @param detail why, in words
 */
public record Handled(Verdict verdict, String detail) {
    static final Handled ACCEPTED = new Handled(Verdict.ACCEPTED, "ok");

    static Handled of(Verdict verdict, String detail) {
        return new Handled(verdict, detail);
    }

    public boolean accepted() {
        return verdict.accepted();
    }
}
