package org.ebc.gateway.chain;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.ebc.ledger.Block;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Coinbase;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.MerkleTree;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.EagId;

/**
 * Builds the block an EAG proposes: a coinbase paying its reward and every pending award, then the
 * candidate transactions (the memory pool's, in the order given) that are valid at their position, by the
 * same rules the validator applies ({@link BlockLedger}); the rest are skipped with their reason. The result
 * is a header template with nonce 0 for the {@link Miner}. Stateless and thread-safe.
 */
public final class BlockAssembler {
    private final BlockValidator validator;

    /** Uses the validator's genesis and pluggable rules, so that what is assembled is what validates. */
    public BlockAssembler(BlockValidator validator) {
        this.validator = validator;
    }

    /**
     * A candidate transaction the assembler left out, and why.
     *
     * @param tx the transaction
     * @param reason the rule it broke at that position
     * @param detail one line
     */
    public record Skipped(LedgerTransaction tx, BlockReason reason, String detail) {}

    /**
     * An assembled block, waiting for its proof of work.
     *
     * @param template the header with nonce 0
     * @param coinbase the coinbase
     * @param transactions the included transactions, in block order
     * @param skipped the candidates left out
     */
    public record Candidate(
            BlockHeader template, Coinbase coinbase, List<LedgerTransaction> transactions, List<Skipped> skipped) {

        public Candidate {
            transactions = List.copyOf(transactions);
            skipped = List.copyOf(skipped);
        }

        /** The block, once {@code mined} (this template with a nonce that meets the target) is signed. */
        public Block sign(BlockHeader mined, KeyPair minerKeys) {
            if (!mined.withNonce(template.nonce()).equals(template)) {
                throw new IllegalArgumentException("the mined header is not this candidate's template");
            }
            return Block.sign(mined, coinbase, envelopes(), minerKeys);
        }

        public List<byte[]> envelopes() {
            List<byte[]> out = new ArrayList<>(transactions.size());
            for (LedgerTransaction t : transactions) {
                out.add(t.raw());
            }
            return out;
        }
    }

    /**
     * @param state the chain to build on
     * @param miner this EAG (must be in the genesis)
     * @param candidates verified transactions, in the order to try them (nonce order per payer)
     * @param timestampMillis the proposer's clock; raised to the earliest allowed timestamp if it is earlier
     * @param maxTransactions how many to include at most (up to {@link Block#MAX_TRANSACTIONS})
     */
    public Candidate assemble(
            ChainState state,
            EagId miner,
            List<LedgerTransaction> candidates,
            long timestampMillis,
            int maxTransactions) {
        Genesis g = validator.genesis();
        EagMember me = g.member(miner)
                .orElseThrow(() -> new IllegalArgumentException(miner + " is not an EAG of the genesis"));
        long height = NextBlock.height(state);
        long ts = Math.max(timestampMillis, NextBlock.earliestTimestamp(state));
        List<Coinbase.Award> awards = new ArrayList<>();
        for (PendingAward p : state.pendingAwards()) {
            if (awards.size() == Coinbase.MAX_AWARDS) {
                break;
            }
            awards.add(new Coinbase.Award(p.tx(), p.to(), p.amount()));
        }
        Coinbase coinbase = Coinbase.of(g.hash(), height, miner, me.address(), g.reward(), awards);
        BlockHeader provisional = new BlockHeader(
                g.hash(), height, state.tipHash(), ts, Sha256Hash.ZERO, 0, NextBlock.target(state), miner, 0);
        BlockLedger ledger = new BlockLedger(state, provisional, validator.rules());
        Refusal r = ledger.applyCoinbase(coinbase);
        if (r != null) {
            throw new IllegalStateException("the chain state refuses its own coinbase: " + r);
        }
        int limit = Math.min(maxTransactions, Block.MAX_TRANSACTIONS);
        List<LedgerTransaction> included = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (LedgerTransaction tx : candidates) {
            if (included.size() >= limit) {
                break;
            }
            Refusal refusal = ledger.apply(tx);
            if (refusal == null) {
                included.add(tx);
            } else {
                skipped.add(new Skipped(tx, refusal.reason(), refusal.detail()));
            }
        }
        List<Sha256Hash> leaves = new ArrayList<>(included.size() + 1);
        leaves.add(coinbase.id());
        for (LedgerTransaction t : included) {
            leaves.add(t.id());
        }
        BlockHeader template = new BlockHeader(
                g.hash(),
                height,
                state.tipHash(),
                ts,
                MerkleTree.root(leaves),
                included.size(),
                provisional.target(),
                miner,
                0);
        return new Candidate(template, coinbase, included, skipped);
    }
}
