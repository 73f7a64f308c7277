package org.ebc.gateway.verify;

import org.ebc.wire.Ack;

/** What to do with a verified reading, given what is already stored for its meter. */
public sealed interface SequenceDecision {

    /**
     * The next page, or a forward jump: store it. When pages were skipped, {@code gap} names the missing
     * range (inclusive) for a gap event; null when the page follows on directly.
     */
    record Append(VerifiedReading reading, Ack.PageRange gap) implements SequenceDecision {}

    /** A page that was missing (inside an earlier gap) and fits between its stored neighbours: store it. */
    record Fill(VerifiedReading reading) implements SequenceDecision {}

    /** The page is already stored with these exact bytes: acknowledge it again, store nothing. */
    record Redelivery(VerifiedReading reading) implements SequenceDecision {}

    /** Refused: {@link RejectReason#REGISTER_DECREASED} or {@link RejectReason#IMPLAUSIBLE_POWER}. */
    record Refuse(Rejection rejection) implements SequenceDecision {}

    /**
     * Refused as {@link RejectReason#DOUBLE_SIGNED_PAGE}: {@code stored} is the record already held for the
     * same page; both are evidence against the node.
     */
    record DoubleSigned(Rejection rejection, VerifiedReading reading, byte[] stored) implements SequenceDecision {}
}
