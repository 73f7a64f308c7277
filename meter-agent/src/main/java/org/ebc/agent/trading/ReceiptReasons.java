package org.ebc.agent.trading;

/**
 * The gateway's refusal reasons for a transfer that the agent acts on (the gateway's payment validator names
 * them; a receipt carries them in {@code reason}). Any other refusal leaves the bill refused and visible.
 */
final class ReceiptReasons {
    /** The nonce was used already (by a transfer the gateway holds). */
    static final String REPLAY = "REPLAY";
    /** The nonce is ahead of the next one the gateway expects. */
    static final String NONCE_GAP = "NONCE_GAP";
    /** Balance minus everything pending does not cover the amount. */
    static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    /** A loan of the EAG's credit bank covers the bill: the EAG's account pays it, not the node. */
    static final String COVERED = "COVERED";

    private ReceiptReasons() {}
}
