package org.ebc.gateway.consensus;

import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;

/**
 * The committed chain as consensus sees it: blocks with their commit certificates by height. The
 * ledger's SQLite store implements it (block, transactions and certificate in one transaction,
 * {@code synchronous=FULL}); {@link InMemoryChainStore} is its twin for tests.
 *
 * <p>Called on the core's thread only.
 */
public interface ChainStore {

    /** The committed height: 0 while only the genesis is there. */
    long height();

    /** The hash of the block at {@link #height()} (the genesis block's hash at height 0). */
    BlockHash tip();

    /** The committed block at {@code height} (1..{@link #height()}) with its certificate. */
    Optional<CertifiedBlock> block(long height);

    /**
     * Stores the next block ({@code block.height() == height() + 1}, its parent the tip), durably before it
     * returns. Consensus calls it only with a verified certificate and a block the auditor accepted.
     */
    void append(CertifiedBlock block, BlockFacts facts);
}
