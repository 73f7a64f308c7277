package org.ebc.gateway.consensus;

import java.util.Optional;

/**
 * The chain's one block validator as consensus uses it (the chain part's {@code BlockValidator} implements
 * it). Blocks are opaque to consensus: it learns their hash, height, parent and miner here and asks
 * whether they are valid on top of the committed chain that {@link ChainStore} holds at the time of the
 * call (the block's parent is always {@link ChainStore#tip()}).
 *
 * <p>Called on the core's thread. Must not throw on hostile bytes.
 */
public interface BlockAuditor {

    /** Reads the header; empty if the bytes are not a block at all. Cheap: no signature or proof-of-work check. */
    Optional<BlockFacts> describe(byte[] block);

    /**
     * The full validation (Merkle root, proof of work, difficulty, timestamps, transactions, signatures,
     * coinbase, home EAGs) against the committed chain. The same function validates own proposals,
     * peers' proposals and every block received while catching up.
     */
    AuditResult audit(byte[] block);
}
