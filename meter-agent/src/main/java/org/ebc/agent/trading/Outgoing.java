package org.ebc.agent.trading;

/**
 * Where the trader's signed messages go (the agent's MQTT link: {@code meter/<node>/order},
 * {@code meter/<node>/payment} and {@code meter/<node>/credit}, QoS 1). A false return means "not handed over now" (not connected); the
 * trader keeps the message and publishes it again later, so an implementation never needs to queue.
 */
public interface Outgoing {
    /** Publishes a signed order. */
    boolean order(byte[] envelope);

    /** Publishes a signed transfer or co-signature. */
    boolean payment(byte[] envelope);

    /** Publishes a signed message to the EAG's credit bank ({@code meter/<node>/credit}). */
    boolean credit(byte[] envelope);
}
