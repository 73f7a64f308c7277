package org.ebc.agent.trading;

/** Trading events an operator finds afterwards in {@code meter-agent status} (next to the agent's own). */
public enum TradeEvent {
    /** The gateway refused an order. */
    ORDER_REFUSED,
    /** An order got no receipt until well after its gate closure. */
    ORDER_UNANSWERED,
    /** A bill cannot be paid from its address's coins; it stays open. */
    BILL_UNFUNDED,
    /** The gateway refused a transfer. */
    TRANSFER_REFUSED,
    /** The agent refused to co-sign a transfer. */
    COSIGN_REFUSED,
    /** The gateway refused a co-signature. */
    COSIGN_REFUSED_BY_GATEWAY
}
