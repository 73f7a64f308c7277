package org.ebc.gateway.trading;

/**
 * A signed message for the broker, produced after the change it reports was committed.
 *
 * @param topic where it goes
 * @param payload the signed envelope
 * @param retained whether the broker keeps it for later subscribers (the market's rules)
 */
record Outgoing(String topic, byte[] payload, boolean retained) {
    static Outgoing of(String topic, byte[] payload) {
        return new Outgoing(topic, payload, false);
    }
}
