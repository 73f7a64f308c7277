package org.ebc.gateway.consensus;

import org.ebc.consensus.BlockHash;
import org.ebc.units.EagId;

/**
 * What consensus needs to know of a block, read from its header without validating it.
 *
 * @param hash the block's hash (the header's SHA-256, as the chain defines it)
 * @param height the header's height
 * @param previous the header's previous-block hash
 * @param miner the EAG whose proof of work it carries (in round 0 only it may propose the block)
 */
public record BlockFacts(BlockHash hash, long height, BlockHash previous, EagId miner) {}
