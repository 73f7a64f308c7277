package org.ebc.gateway.verify;

import java.time.Instant;
import java.util.Objects;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.trade.Order;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * A market or payment message after the ingress checks ({@link TradeVerifier}): signed by whom it must be, and
 * decoded; or refused with a reason. The exact bytes received travel with it (they are what is stored).
 */
public sealed interface TradeInbound {
    Instant receivedAt();

    /** An order signed by the topic's node with its node key. */
    record OrderIn(NodeId node, Order order, byte[] raw, String digest, Instant receivedAt) implements TradeInbound {}

    /** A transfer that checks by itself (key bound to the payer address, signature good), from the topic's node. */
    record TransferIn(NodeId node, Transfer transfer, byte[] raw, String digest, Instant receivedAt)
            implements TradeInbound {}

    /** A co-signature that checks by itself, from the topic's node. */
    record CosignIn(NodeId node, Cosign cosign, byte[] raw, String digest, Instant receivedAt)
            implements TradeInbound {}

    /**
     * Work another part of the gateway hands to the transaction server's thread (the credit bank, whose coins are
     * the payment core's): run in turn with the messages around it, so it needs no lock either.
     */
    record Task(java.util.concurrent.FutureTask<?> work, Instant receivedAt) implements TradeInbound {}

    /**
     * Refused at the ingress.
     *
     * @param node the topic's node, or null when the topic names none
     * @param about {@code order}, {@code transfer} or {@code cosign}, as far as it could be told
     * @param ref the message's own id as far as it could be read (an order sequence, a digest), for the receipt
     * @param answerable whether a receipt can be sent (the node is known to this gateway)
     */
    record Refused(
            @Nullable NodeId node,
            String about,
            String ref,
            TradeReason reason,
            String detail,
            String digest,
            boolean answerable,
            Instant receivedAt)
            implements TradeInbound {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            if (answerable && node == null) {
                throw new IllegalArgumentException("an answerable refusal names its node");
            }
        }
    }
}
