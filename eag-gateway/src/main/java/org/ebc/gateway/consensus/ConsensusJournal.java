package org.ebc.gateway.consensus;

import java.util.List;
import java.util.Optional;

/**
 * What this EAG must remember across a crash so that it never signs two conflicting votes and keeps its
 * lock (Tendermint's write-ahead log and last-sign state): every vote it signed at the current height, and
 * the last block it saw approved by a quorum with that quorum's audits. Writes are durable when the call
 * returns; the core writes before it sends. The gateway's SQLite store implements it;
 * {@link InMemoryJournal} is its twin for tests. Called on the core's thread only.
 */
public interface ConsensusJournal {

    /** A proposal, audit or reply this EAG signed at {@code height}, as sent. */
    void recordSigned(long height, byte[] message);

    /** The block approved by a quorum of audits in {@code round}, with those audits (replaces the last one). */
    void recordValid(long height, int round, byte[] block, List<byte[]> justification);

    /** The votes signed at {@code height}, in the order they were recorded. */
    List<byte[]> signed(long height);

    Optional<ValidBlock> valid(long height);

    /** Drops everything below {@code height}; called once a block is committed. */
    void forgetBelow(long height);

    /** The last block seen approved by a quorum at one height. */
    record ValidBlock(int round, byte[] block, List<byte[]> justification) {
        public ValidBlock {
            justification = List.copyOf(justification);
        }
    }
}
