package org.ebc.gateway.consensus;

import org.ebc.consensus.MessageKind;
import org.ebc.units.EagId;

/**
 * Where the core's messages go: the adapter publishes them under {@code ebc/v1/consortium/…} (QoS 1). The
 * kind lets it choose the topic. Delivery may be late, repeated, reordered or lost; the protocol copes.
 * Calls must not block for long and must not call back into the core; the core never hands its own
 * messages to itself through the transport (an echo that comes back is refused as
 * {@link Verdict#OWN_MESSAGE}).
 */
public interface ConsensusTransport {

    /** To every other EAG of the consortium. */
    void broadcast(MessageKind kind, byte[] message);

    /** To one EAG (a reply to its leader, a catch-up request or answer). */
    void send(EagId to, MessageKind kind, byte[] message);
}
