package org.ebc.agent.trading;

/** Where one of the node's orders stands. */
public enum OrderState {
    /** Signed, stored and published; no receipt yet (published again until one arrives). */
    SENT,
    /** The gateway's receipt says it is in the order book. */
    ACCEPTED,
    /** The gateway refused it (the reason is kept); nothing else happens with it. */
    REFUSED,
    /** No receipt came until well after the slot's gate closure; the order is given up. */
    UNANSWERED;

    /** The word stored and shown. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
