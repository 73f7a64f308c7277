package org.ebc.gateway.account;

/** The outcome of binding a wallet address to a node. */
public enum WalletBindResult {
    /** Newly bound. */
    BOUND,
    /** Already bound to this same node; nothing changed. */
    ALREADY_BOUND,
    /** Bound to a different node: an address belongs to exactly one node, refused. */
    BOUND_TO_OTHER_NODE,
    /** The node is not in the account pool. */
    UNKNOWN_NODE
}
