package org.ebc.gateway.chain;

/**
 * Why the block validator accepted or refused a block: one reason per rule, so an operator (and
 * {@code ledger verify}) can say which rule a block broke. Checked in roughly this order: structure, header
 * (cheap, and proof of work before anything costly, so that a flood of made-up blocks costs one hash each),
 * the miner's signature, the Merkle root, every transaction's signatures (in parallel), then the coinbase
 * and the transactions in block order against the chain.
 */
public enum BlockReason {
    VALID,
    /** The bytes are not a block ({@code org.ebc.ledger.Block} layout). */
    MALFORMED_BLOCK,
    /** The header's chain id is another genesis. */
    WRONG_CHAIN,
    /** The height is not the tip's height + 1. */
    WRONG_HEIGHT,
    /** The previous hash is not the tip's hash. */
    WRONG_PREVIOUS,
    /** The miner is not an EAG of the genesis. */
    UNKNOWN_MINER,
    /** The miner's signature over the header does not verify with its genesis key. */
    BAD_MINER_SIGNATURE,
    /** The target is not the one the difficulty rule gives for this height. */
    WRONG_DIFFICULTY,
    /** The header hash does not meet the target. */
    INSUFFICIENT_WORK,
    /** The timestamp is more than the genesis's future allowance ahead of the validating EAG's clock. */
    TIMESTAMP_TOO_FAR_AHEAD,
    /** The timestamp is not after the median of the recent blocks' timestamps. */
    TIMESTAMP_NOT_AFTER_MEDIAN,
    /** The header's Merkle root is not the root of the coinbase and transactions. */
    BAD_MERKLE_ROOT,
    /** A transaction envelope, its payload or its inner transfer/cosign is malformed. */
    MALFORMED_TRANSACTION,
    /** A transaction is admitted (signed) by a key of no EAG of the genesis. */
    UNKNOWN_EAG,
    /** A signature does not verify: the admitting EAG's, the payer's transfer or the payee's cosign. */
    BAD_SIGNATURE,
    /** A cosign is valid but not for the transfer it accompanies. */
    COSIGN_MISMATCH,
    /** A transaction appears twice in the block, or is already on the chain. */
    DUPLICATE_TRANSACTION,
    /** The admitting EAG is not the home EAG of the address whose coins move (or that is awarded). */
    NOT_HOME_EAG,
    /** A payer, payee or award recipient is neither registered nor an EAG's address. */
    UNKNOWN_ADDRESS,
    /** A transfer reuses a nonce already spent (on the chain or earlier in the block). */
    DOUBLE_SPEND,
    /** A transfer's nonce skips ahead of the payer's next nonce. */
    NONCE_GAP,
    /** The payer's balance at that position does not cover the amount. */
    INSUFFICIENT_FUNDS,
    /** An allocation for a node the authority has not registered. */
    UNKNOWN_NODE,
    /** A second allocation for one node. */
    ALLOCATION_REPEATED,
    /** An allocation the genesis does not grant: another amount, none granted, or an address not the node's. */
    ALLOCATION_NOT_ALLOWED,
    /** An award the genesis does not grant: no award, another amount, a misaligned or unfinished period. */
    AWARD_NOT_ALLOWED,
    /** A second award by one EAG for one period. */
    AWARD_REPEATED,
    /** The coinbase is not this block's (chain, height, miner, reward address), pays less than the reward, or pays an award to the wrong address. */
    BAD_COINBASE,
    /** The coinbase pays more than the genesis reward, or more than an award it settles. */
    OVER_MINTED_COINBASE,
    /** The coinbase pays an award that is not pending (unknown, already paid, or twice in this coinbase). */
    AWARD_NOT_PENDING,
    /** A declared kind ({@code evidence}, {@code credit}) for which no rule is plugged in. */
    UNSUPPORTED_KIND,
    /** The rule plugged in for the transaction's kind refused it. */
    REFUSED_BY_RULE,
    /** A balance or the supply would leave the range of a long. */
    AMOUNT_OUT_OF_RANGE,
    /**
     * The node whose coins move (or that is allocated coins) was revoked by the authority at or before the time its
     * home EAG stamped the transaction ({@link Enrollments#revokedAt}).
     */
    NODE_REVOKED
}
