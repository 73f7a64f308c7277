package org.ebc.gateway.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.Reply;
import org.ebc.gateway.chain.BlockAssembler;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.BlockVerdict;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.ledger.Block;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;

/**
 * A real chain for ledger tests: a test consortium of four EAGs, blocks assembled, mined and signed by eag-1
 * with real transactions of its nodes (node-1 and node-5), each with a commit certificate of real replies
 * from every EAG. {@link #standard()} makes four blocks: the two nodes' allocations, a transfer, two
 * transfers, and an empty block. Not thread-safe.
 */
final class CertifiedChain {
    static final Instant NOW = TestConsortium.GENESIS_TIME.plus(Duration.ofDays(10));

    final TestConsortium c = TestConsortium.create(4, 8);
    final Consortium consortium = Consortium.of(c.genesis());
    final InMemoryEnrollments enrollments;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final BlockValidator validator = BlockValidator.singleThreaded(c.genesis());
    final List<CertifiedBlock> blocks = new ArrayList<>();
    final List<BlockFacts> facts = new ArrayList<>();
    InMemoryChainState state;

    CertifiedChain() {
        InMemoryEnrollments e = InMemoryEnrollments.EMPTY;
        for (TestConsortium.Node n : List.of(c.node(1), c.node(5))) {
            e = e.with(n.id(), n.home(), List.of(n.address()));
        }
        enrollments = e;
        state = InMemoryChainState.atGenesis(c.genesis(), enrollments);
    }

    static CertifiedChain standard() {
        CertifiedChain chain = new CertifiedChain();
        TestConsortium.Node a = chain.c.node(1);
        TestConsortium.Node b = chain.c.node(5);
        long t = TestConsortium.GENESIS_TIME.toEpochMilli() + 60_000;
        chain.next(List.of(chain.c.allocationTx(a, t), chain.c.allocationTx(b, t + 1)));
        chain.next(List.of(chain.c.transferTx(a, 1, b, CoinAmount.ofCoins(3), t + 20_000)));
        chain.next(List.of(
                chain.c.transferTx(b, 1, a, CoinAmount.ofCoins(1), t + 40_000),
                chain.c.transferTx(a, 2, b, CoinAmount.ofCoins(2), t + 41_000)));
        chain.next(List.of());
        return chain;
    }

    /** Assembles, mines (eag-1), validates and certifies the next block over {@code txs}. */
    CertifiedBlock next(List<byte[]> txs) {
        List<LedgerTransaction> candidates = new ArrayList<>();
        for (byte[] raw : txs) {
            candidates.add(
                    LedgerTransaction.verify(raw, c.genesis()::memberByKeyId).orElseThrow());
        }
        TestConsortium.Eag miner = c.eag(1);
        long ts = TestConsortium.GENESIS_TIME.toEpochMilli() + 600_000L * (state.height() + 1);
        BlockAssembler.Candidate cand = new BlockAssembler(validator).assemble(state, miner.id(), candidates, ts, 1000);
        if (!cand.skipped().isEmpty()) {
            throw new IllegalStateException("the assembler skipped " + cand.skipped());
        }
        Miner.Result r = new Miner().mine(cand.template(), new MiningJob(state.height() + 1));
        Block block = cand.sign(r.headerOrThrow(), miner.keys());
        BlockVerdict v = validator.validate(block, state, clock);
        if (!v.isValid()) {
            throw new IllegalStateException("the test chain's own block does not validate: " + v);
        }
        state = state.apply(v.effectsOrThrow());
        BlockHash hash = new BlockHash(block.hash().hex());
        CertifiedBlock certified = new CertifiedBlock(block.encode(), certify(block.height(), hash, 0));
        blocks.add(certified);
        facts.add(new BlockFacts(
                hash, block.height(), new BlockHash(block.header().previous().hex()), miner.id()));
        return certified;
    }

    /** A certificate of replies from every EAG, in genesis order. */
    CommitCertificate certify(long height, BlockHash hash, int round) {
        List<byte[]> replies = new ArrayList<>();
        for (TestConsortium.Eag e : c.eags()) {
            EagSigner s = EagSigner.of(e.id(), e.keys().getPrivate(), e.keys().getPublic());
            replies.add(ConsensusCodec.sign(
                            new Reply(e.id(), NOW.toEpochMilli(), consortium.genesis(), height, round, hash), s)
                    .raw());
        }
        return new CommitCertificate(consortium.genesis(), height, round, hash, replies);
    }
}
