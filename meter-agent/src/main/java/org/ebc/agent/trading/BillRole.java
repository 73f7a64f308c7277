package org.ebc.agent.trading;

/** Which side of a bill the node is on. */
public enum BillRole {
    /** One of the node's addresses is the payer: the agent pays it. */
    PAY,
    /** One of the node's addresses is the payee: the agent co-signs the transfer that pays it. */
    RECEIVE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
