package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ebc.ledger.Block;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Coinbase;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisBuilder;
import org.ebc.ledger.MerkleTree;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.Target;
import org.ebc.ledger.TxKind;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * A test consortium with its registrations, a chain state that tests move forward block by block, and a
 * way to build any block: {@link #draft} starts from what the rules expect on the current tip (height,
 * previous hash, target, a timestamp 10 s after the tip, the miner's coinbase, a real proof of work and
 * the miner's signature), and a test changes exactly one thing. Not thread-safe.
 */
final class ChainFixture {
    /** The validating EAG's clock: ten days after the genesis, so every default timestamp is in its past. */
    static final Instant NOW = TestConsortium.GENESIS_TIME.plus(Duration.ofDays(10));

    final TestConsortium c;
    final InMemoryEnrollments enrollments;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    BlockValidator validator;
    InMemoryChainState state;

    private ChainFixture(TestConsortium c) {
        this.c = c;
        InMemoryEnrollments e = InMemoryEnrollments.EMPTY;
        for (TestConsortium.Node n : c.nodes()) {
            e = e.with(n.id(), n.home(), List.of(n.address()));
        }
        this.enrollments = e;
        this.validator = BlockValidator.singleThreaded(c.genesis());
        this.state = InMemoryChainState.atGenesis(c.genesis(), enrollments);
    }

    static ChainFixture create(int eags, int nodes) {
        return new ChainFixture(TestConsortium.create(eags, nodes));
    }

    static ChainFixture create(int eags, int nodes, Consumer<GenesisBuilder> tweak) {
        return new ChainFixture(TestConsortium.create(eags, nodes, tweak));
    }

    /** Two EAGs, four nodes (node-1 and node-3 at eag-1, node-2 and node-4 at eag-2), a 1-coin proof-of-flow award. */
    static ChainFixture standard() {
        return create(2, 4, b -> b.proofOfFlow(Duration.ofMinutes(15), CoinAmount.ofCoins(1)));
    }

    Genesis genesis() {
        return c.genesis();
    }

    ChainFixture withRules(Map<TxKind, KindRule> rules) {
        validator = new BlockValidator(c.genesis(), Runnable::run, 1, rules);
        return this;
    }

    /** Block 1 pays every node its genesis allocation; each node then holds 20 coins. */
    ChainFixture funded() {
        List<byte[]> txs = new ArrayList<>();
        for (TestConsortium.Node n : c.nodes()) {
            txs.add(c.allocationTx(n, tipTime() + 1));
        }
        commit(draft(txs).build());
        return this;
    }

    long tipTime() {
        return NextBlock.timestamp(state, state.height());
    }

    Draft draft(List<byte[]> txs) {
        return new Draft(txs);
    }

    Draft draft(byte[]... txs) {
        return new Draft(List.of(txs));
    }

    BlockVerdict validate(Block b) {
        return validator.validate(b, state, clock);
    }

    /** Validates {@code b}, expects it valid, and moves the tip to it. */
    BlockEffects commit(Block b) {
        BlockVerdict v = validate(b);
        assertThat(v.reason()).as(v.detail()).isEqualTo(BlockReason.VALID);
        state = state.apply(v.effectsOrThrow());
        return v.effectsOrThrow();
    }

    /** A block under construction, with every field the rules expect unless a test changes it. */
    final class Draft {
        Sha256Hash chain = c.genesis().hash();
        long height = state.height() + 1;
        Sha256Hash previous = state.tipHash();
        long timestamp = tipTime() + 10_000;
        Target target = NextBlock.target(state);
        EagId miner = EagId.of("eag-1");
        KeyPair signer = c.eag(1).keys();
        List<byte[]> txs;
        List<Coinbase.Award> awards = new ArrayList<>();

        @Nullable
        Coinbase coinbase;

        @Nullable
        Sha256Hash merkleRoot;

        boolean insufficientWork;

        Draft(List<byte[]> txs) {
            this.txs = new ArrayList<>(txs);
        }

        Draft minedBy(int eag) {
            miner = c.eag(eag).id();
            signer = c.eag(eag).keys();
            return this;
        }

        Draft at(long ts) {
            timestamp = ts;
            return this;
        }

        Draft paying(PendingAward... pending) {
            for (PendingAward p : pending) {
                awards.add(new Coinbase.Award(p.tx(), p.to(), p.amount()));
            }
            return this;
        }

        Coinbase defaultCoinbase() {
            WalletAddress to =
                    c.genesis().member(miner).map(m -> m.address()).orElse(WalletAddress.of(signer.getPublic()));
            return Coinbase.of(
                    c.genesis().hash(), height, miner, to, c.genesis().reward(), awards);
        }

        Block build() {
            Coinbase cb = coinbase != null ? coinbase : defaultCoinbase();
            Sha256Hash root = merkleRoot != null ? merkleRoot : MerkleTree.root(Block.leaves(cb, txs));
            BlockHeader h = new BlockHeader(chain, height, previous, timestamp, root, txs.size(), target, miner, 0);
            while (h.hasEnoughWork() == insufficientWork) {
                h = h.withNonce(h.nonce() + 1);
            }
            return Block.sign(h, cb, txs, signer);
        }
    }
}
