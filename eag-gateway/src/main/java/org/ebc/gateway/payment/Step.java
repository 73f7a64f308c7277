package org.ebc.gateway.payment;

import org.jspecify.annotations.Nullable;

/** What a rule decided for the subject of a call, before the outcome carries its notices. */
record Step(Outcome.Status status, @Nullable Refusal refusal, String detail) {

    static Step refuse(Refusal r, String detail) {
        return new Step(Outcome.Status.REFUSED, r, detail);
    }

    static Step accepted(String detail) {
        return new Step(Outcome.Status.ACCEPTED, null, detail);
    }

    static Step pending(String detail) {
        return new Step(Outcome.Status.PENDING, null, detail);
    }

    static Step applied(String detail) {
        return new Step(Outcome.Status.APPLIED, null, detail);
    }
}
