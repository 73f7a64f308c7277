package org.ebc.gateway.verify;

/** The outcome of the first verification stage for one message: a verified reading or a rejection. */
public sealed interface Verdict {

    record Accepted(VerifiedReading reading) implements Verdict {}

    record Rejected(Rejection rejection) implements Verdict {}
}
