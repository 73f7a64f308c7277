package org.ebc.gateway.chain;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.ebc.ledger.Block;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.FormatReason;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.MerkleTree;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.Target;
import org.ebc.ledger.TxKind;

/**
 * The one block validator (DESIGN §5): the EAG's own proposals, its peers', sync and {@code ledger verify}
 * all call {@link #validate}. It answers {@link BlockReason#VALID} with the block's {@link BlockEffects}, or
 * the first rule broken; it never throws on any input.
 *
 * <p>Order, cheapest first, so that a made-up block costs little: structure; the header against the tip
 * (chain id, height, previous hash, miner in the genesis, the difficulty rule's target, proof of work,
 * timestamps: one hash and a few comparisons, so a flood of forged headers cannot make an EAG verify
 * signatures); the miner's signature; the Merkle root; the coinbase against the ledger; then every
 * transaction's signatures on all threads ({@link SignatureStep}) and, sequentially and in block order, every
 * transaction against the ledger ({@link BlockLedger}): duplicates, home EAG, nonces, balances, allocations,
 * awards, pluggable kinds. The ledger pass runs on the calling thread alongside the signature step, over the
 * transactions verified so far; the verdict is the one of running the two one after the other: the first
 * transaction (in block order) that does not verify or that the ledger refuses, whichever comes first.
 *
 * <p>Deterministic: the same block, state and clock give the same verdict and effects on every EAG, whatever
 * the thread timing. Thread-safe: one validator may validate several blocks at once (each call has its own
 * working state); the executor's threads are shared.
 */
public final class BlockValidator {
    private final Genesis genesis;
    private final Executor executor;
    private final int threads;
    private final Map<TxKind, KindRule> rules;

    /**
     * @param genesis the consortium
     * @param executor threads for the signature step (a bounded pool the adapter owns; the calling thread works
     *     too, so it may be one of the pool's own threads)
     * @param threads how many threads to use, the caller included (the number of cores, typically)
     * @param rules rules for the pluggable kinds ({@link TxKind#EVIDENCE}, {@link TxKind#CREDIT}); a kind with no
     *     rule is refused as {@link BlockReason#UNSUPPORTED_KIND}
     */
    public BlockValidator(Genesis genesis, Executor executor, int threads, Map<TxKind, KindRule> rules) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        for (TxKind k : rules.keySet()) {
            if (k != TxKind.EVIDENCE && k != TxKind.CREDIT) {
                throw new IllegalArgumentException("kind " + k.wire() + " has built-in rules and cannot be replaced");
            }
        }
        this.genesis = genesis;
        this.executor = executor;
        this.threads = threads;
        this.rules = rules.isEmpty() ? Map.of() : new EnumMap<>(rules);
    }

    /**
     * The chain's rules for the pluggable kinds every EAG of this version runs: {@code evidence}
     * ({@link EvidenceRule}). {@code credit} has none yet (Part F's records are not on chain), so a credit
     * transaction is refused as {@link BlockReason#UNSUPPORTED_KIND}.
     */
    public static Map<TxKind, KindRule> chainRules(Genesis genesis) {
        return Map.of(TxKind.EVIDENCE, new EvidenceRule(org.ebc.consensus.Consortium.of(genesis)));
    }

    /** A validator with the {@link #chainRules} that verifies on the calling thread only (tests, tools). */
    public static BlockValidator singleThreaded(Genesis genesis) {
        return new BlockValidator(genesis, Runnable::run, 1, chainRules(genesis));
    }

    public Genesis genesis() {
        return genesis;
    }

    Map<TxKind, KindRule> rules() {
        return rules;
    }

    /** Decodes and validates a block as received or stored. */
    public BlockVerdict validate(byte[] raw, ChainState state, Clock clock) {
        Outcome<FormatReason, Block> block = Block.decode(raw);
        Block b = block.value();
        if (b == null) {
            return BlockVerdict.refuse(BlockReason.MALFORMED_BLOCK, block.reason() + ": " + block.detail());
        }
        return validate(b, state, clock);
    }

    /**
     * Validates {@code block} as the next block on {@code state}.
     *
     * @param clock the validating EAG's clock (only the future-timestamp rule reads it)
     * @throws IllegalArgumentException if {@code state} belongs to another genesis (a wiring mistake, not input)
     */
    public BlockVerdict validate(Block block, ChainState state, Clock clock) {
        if (!state.genesis().hash().equals(genesis.hash())) {
            throw new IllegalArgumentException("the chain state is of another genesis than this validator's");
        }
        BlockVerdict header = checkHeader(block, state, clock);
        if (header != null) {
            return header;
        }
        if (!merkleRoot(block).equals(block.header().merkleRoot())) {
            return BlockVerdict.refuse(
                    BlockReason.BAD_MERKLE_ROOT, "the Merkle root is not the root of the coinbase and transactions");
        }
        BlockLedger ledger = new BlockLedger(state, block.header(), rules);
        Refusal coinbase = ledger.applyCoinbase(block.coinbase());
        if (coinbase != null) {
            return BlockVerdict.refuse(coinbase.reason(), coinbase.detail());
        }
        // The ledger rules run in block order on this thread while the signature step's other threads go on
        // (SignatureStep.InOrder); they see transaction i only when all before it verified and passed.
        @org.jspecify.annotations.Nullable Refusal[] refusal = new Refusal[1];
        SignatureStep.Result signed =
                SignatureStep.verify(block.transactions(), genesis, executor, threads, (i, tx) -> {
                    refusal[0] = ledger.apply(tx);
                    return refusal[0] == null;
                });
        if (signed.refusedInOrder() >= 0) {
            Refusal r = java.util.Objects.requireNonNull(refusal[0]);
            return BlockVerdict.refuse(r.reason(), r.detail(), signed.refusedInOrder());
        }
        if (signed.refusal() != null) {
            Outcome<?, ?> bad = signed.refusal();
            return BlockVerdict.refuse(
                    SignatureStep.reasonFor(signed.refusal().reason()),
                    bad.reason() + ": " + bad.detail(),
                    signed.firstBad());
        }
        return BlockVerdict.valid(ledger.effects());
    }

    /**
     * What {@link Block#computeMerkleRoot} gives, with the transactions' ids (SHA-256 of ~2 KB each) hashed on
     * all threads: on one, they were a sequential hundredth of a large block's validation.
     */
    private Sha256Hash merkleRoot(Block block) {
        List<byte[]> txs = block.transactions();
        int n = txs.size();
        Sha256Hash[] ids = new Sha256Hash[n + 1];
        ids[0] = block.coinbase().id();
        int chunk = 256;
        WorkSharing.run(executor, threads, (n + chunk - 1) / chunk, c -> {
            int end = Math.min(n, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) {
                ids[i + 1] = Sha256Hash.of(txs.get(i));
            }
        });
        return MerkleTree.root(Arrays.asList(ids));
    }

    private @org.jspecify.annotations.Nullable BlockVerdict checkHeader(Block block, ChainState state, Clock clock) {
        BlockHeader h = block.header();
        if (!h.chain().equals(genesis.hash())) {
            return BlockVerdict.refuse(BlockReason.WRONG_CHAIN, "chain " + h.chain() + " is not " + genesis.hash());
        }
        if (h.height() != state.height() + 1) {
            return BlockVerdict.refuse(
                    BlockReason.WRONG_HEIGHT, "height " + h.height() + ", the tip is at " + state.height());
        }
        if (!h.previous().equals(state.tipHash())) {
            return BlockVerdict.refuse(
                    BlockReason.WRONG_PREVIOUS, "previous " + h.previous() + " is not the tip " + state.tipHash());
        }
        java.util.Optional<EagMember> miner = genesis.member(h.miner());
        if (miner.isEmpty()) {
            return BlockVerdict.refuse(BlockReason.UNKNOWN_MINER, h.miner() + " is not an EAG of the genesis");
        }
        Target expected = NextBlock.target(state);
        if (!h.target().equals(expected)) {
            return BlockVerdict.refuse(
                    BlockReason.WRONG_DIFFICULTY, "target " + h.target() + ", the rule gives " + expected);
        }
        // Proof of work before any signature: a header that did not cost its hashes costs us one.
        if (!h.hasEnoughWork()) {
            return BlockVerdict.refuse(
                    BlockReason.INSUFFICIENT_WORK, "hash " + h.hash() + " does not meet target " + h.target());
        }
        long limit = clock.millis() + genesis.timestamps().futureAllowanceMillis();
        if (h.timestampMillis() > limit) {
            return BlockVerdict.refuse(
                    BlockReason.TIMESTAMP_TOO_FAR_AHEAD,
                    "timestamp " + h.timestampMillis() + " is after the allowed " + limit);
        }
        long median = NextBlock.medianTimePast(state);
        if (h.timestampMillis() <= median) {
            return BlockVerdict.refuse(
                    BlockReason.TIMESTAMP_NOT_AFTER_MEDIAN,
                    "timestamp " + h.timestampMillis() + " is not after the median time past " + median);
        }
        if (!block.isSignedBy(miner.get().key())) {
            return BlockVerdict.refuse(
                    BlockReason.BAD_MINER_SIGNATURE, "the header is not signed by " + h.miner() + "'s key");
        }
        return null;
    }
}
