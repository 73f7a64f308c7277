package org.ebc.gateway.payment;

import java.util.List;
import java.util.Objects;
import org.ebc.trade.Receipt;
import org.jspecify.annotations.Nullable;

/**
 * What one call of {@link Payments} did: its status, the reason when refused, a sentence for the log and
 * the operator, and the messages the wiring must now send ({@link Notice}). Everything an outcome reports
 * has been committed to the store before it is returned; a refused call changed nothing (except that
 * transfers that were due for release may have been released first, which its notices then report).
 *
 * @param status where the call's subject stands
 * @param refusal why it was refused; null unless {@code status} is {@link Status#REFUSED}
 * @param detail one sentence, for the log and the node's receipt
 * @param notices the messages to send, in order
 */
public record Outcome(Status status, @Nullable Refusal refusal, String detail, List<Notice> notices) {

    /** Where the subject of a call stands. */
    public enum Status {
        /** Stored (bills issued, transfers released, an allocation or mint recorded). */
        ACCEPTED,
        /** A transfer admitted: its coins are reserved and it waits for the payee's co-signature (or for an earlier transfer of its payer). */
        PENDING,
        /** Done: the coins moved and the record is in the memory pool. */
        APPLIED,
        /** Nothing changed; {@link Outcome#refusal} says why. */
        REFUSED;

        /** The receipt status that reports this on the wire. */
        public Receipt.Status receipt() {
            return switch (this) {
                case ACCEPTED -> Receipt.Status.ACCEPTED;
                case PENDING -> Receipt.Status.PENDING;
                case APPLIED -> Receipt.Status.APPLIED;
                case REFUSED -> Receipt.Status.REFUSED;
            };
        }
    }

    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if ((status == Status.REFUSED) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal reason goes with status REFUSED and only with it");
        }
        notices = List.copyOf(notices);
    }

    public boolean isRefused() {
        return status == Status.REFUSED;
    }

    /** The receipt's reason text: the refusal's name, or {@code OK}. */
    public String reasonText() {
        return refusal == null ? "OK" : refusal.name();
    }
}
