package org.ebc.consensus;

import org.ebc.units.EagId;

/**
 * What a consensus message says. Every payload starts with {@code typ}, {@code from}, {@code seq},
 * {@code ts} (the envelope's common fields) and {@code gen} (the genesis hash); {@code seq} carries the
 * height, because the idempotence key of a consensus message is (kind, height, round, EAG) (DESIGN §7)
 * rather than a per-sender counter. {@code ts} is the sender's clock, informative only.
 */
public sealed interface ConsensusPayload permits RoundMessage, SyncRequest, SyncBlocks, EvidenceReport {

    MessageKind kind();

    /** The sending EAG (the key that signed is its key; the decoder checks it). */
    EagId from();

    /** The sender's clock, milliseconds since the epoch. Never used to decide anything. */
    long timestampMillis();

    GenesisHash genesis();

    /** The height the message is about; for sync messages the first height asked for or sent. */
    long height();

    /** The JSON that is signed, in its fixed field order. */
    byte[] payloadBytes();
}
