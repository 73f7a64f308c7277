package org.ebc.gateway.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;

/**
 * {@link ChainStore}'s twin in memory, for tests and the one-JVM bench. It survives a simulated restart of
 * its EAG as long as the object is kept. Not thread-safe (the core is single-threaded).
 */
public final class InMemoryChainStore implements ChainStore {
    private final BlockHash genesisBlock;
    private final List<CertifiedBlock> blocks = new ArrayList<>();
    private final List<BlockHash> hashes = new ArrayList<>();

    /** @param genesisBlock the hash the first block names as its parent */
    public InMemoryChainStore(BlockHash genesisBlock) {
        this.genesisBlock = genesisBlock;
    }

    @Override
    public long height() {
        return blocks.size();
    }

    @Override
    public BlockHash tip() {
        return hashes.isEmpty() ? genesisBlock : hashes.get(hashes.size() - 1);
    }

    @Override
    public Optional<CertifiedBlock> block(long height) {
        return height >= 1 && height <= blocks.size() ? Optional.of(blocks.get((int) height - 1)) : Optional.empty();
    }

    @Override
    public void append(CertifiedBlock block, BlockFacts facts) {
        if (block.height() != height() + 1
                || !facts.previous().equals(tip())
                || !facts.hash().equals(block.hash())) {
            throw new IllegalStateException("block " + block.height() + " does not extend the chain at " + height());
        }
        blocks.add(block);
        hashes.add(block.hash());
    }

    /** The committed hashes, height 1 first. */
    public List<BlockHash> hashes() {
        return List.copyOf(hashes);
    }
}
