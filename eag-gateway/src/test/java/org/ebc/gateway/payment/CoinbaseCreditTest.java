package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.Consortium;
import org.ebc.gateway.chain.BlockAssembler;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.BlockVerdict;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.gateway.ledger.CoinbaseCredit;
import org.ebc.gateway.ledger.MemoryPoolFeed;
import org.ebc.ledger.Block;
import org.ebc.ledger.Target;
import org.ebc.testing.TestConsortium;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/**
 * A committed block's coinbase, credited to the payment core: the reward of a block this EAG mined reaches its grid
 * account once (a block replayed at start credits nothing again), the coins still add up with the mint counted, and
 * a block another EAG mined credits nothing here. Real signatures, a real mined block.
 */
class CoinbaseCreditTest {
    private static final CoinAmount REWARD = CoinAmount.ofCoins(100);
    private final TestConsortium c = TestConsortium.create(
            1,
            0,
            b -> b.allocationPerNode(PaymentSettings.DEFAULTS.initialAllocation())
                    .reward(REWARD)
                    .initialTarget(Target.ofLeadingZeroBits(8)));
    private final PaymentWorld w = new PaymentWorld(
            new InMemoryPaymentStore(), PaymentSettings.DEFAULTS, true, c.eag(1).keys());

    /** Block 1 of a paid bill's allocations and transfer, mined by eag-1, with its reward in the coinbase. */
    private Block minedBlock() {
        Party buyer = w.node("buyer");
        Party seller = w.node("seller");
        Bill bill = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(3));
        w.settle(bill);
        w.pay(buyer, bill);
        w.cosign(seller, w.pendingFor(bill));
        MemoryPoolFeed feed =
                new MemoryPoolFeed(PaymentWorld.EAG, c.eag(1).keys(), w.payments.memoryPool(), c.genesis(), 100);
        InMemoryEnrollments enrolled = InMemoryEnrollments.EMPTY
                .with(buyer.node(), PaymentWorld.EAG, List.of(buyer.address()))
                .with(seller.node(), PaymentWorld.EAG, List.of(seller.address()));
        InMemoryChainState state = InMemoryChainState.atGenesis(c.genesis(), enrolled);
        BlockValidator validator = BlockValidator.singleThreaded(c.genesis());
        BlockAssembler.Candidate cand = new BlockAssembler(validator)
                .assemble(
                        state,
                        PaymentWorld.EAG,
                        feed.candidates(),
                        TestConsortium.GENESIS_TIME.toEpochMilli() + 60_000,
                        100);
        Block block = cand.sign(
                new Miner().mine(cand.template(), new MiningJob(1)).headerOrThrow(),
                c.eag(1).keys());
        BlockVerdict v = validator.validate(
                block, state, Clock.fixed(TestConsortium.GENESIS_TIME.plusSeconds(3600), ZoneOffset.UTC));
        assertThat(v.isValid()).as(v.detail()).isTrue();
        assertThat(block.coinbase().reward()).isEqualTo(REWARD);
        return block;
    }

    private CertifiedBlock certified(Block block) {
        return new CertifiedBlock(
                block.encode(),
                new CommitCertificate(
                        Consortium.of(c.genesis()).genesis(),
                        1,
                        0,
                        new BlockHash(block.hash().hex()),
                        List.of()));
    }

    private CoinbaseCredit creditAs(EagId eag) {
        // Applied at once, on the test's thread: the gateway applies each on the transaction server's thread.
        return new CoinbaseCredit(
                eag, c.eag(1).address(), m -> m.apply(w.payments), c.genesis(), id -> Optional.empty());
    }

    @Test
    void theRewardOfABlockThisEagMinedReachesItsGridAccountOnce() {
        Block block = minedBlock();
        CoinAmount before = w.payments.account(w.grid()).balance();
        CoinbaseCredit credit = creditAs(PaymentWorld.EAG);

        credit.committed(block, certified(block));
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(before.plus(REWARD));
        Totals t = w.payments.totals();
        assertThat(t.minted()).isEqualTo(REWARD);
        assertThat(t.conserved()).as("balances = allocated + minted").isTrue();

        // After a restart the node replays its stored blocks: a fresh listener, the same block.
        creditAs(PaymentWorld.EAG).committed(block, certified(block));
        credit.committed(block, certified(block));
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(before.plus(REWARD));
        assertThat(w.payments.totals().minted()).isEqualTo(REWARD);
    }

    @Test
    void aBlockAnotherEagMinedCreditsNothingHere() {
        Block block = minedBlock();
        CoinAmount before = w.payments.account(w.grid()).balance();
        creditAs(EagId.of("eag-2")).committed(block, certified(block));
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(before);
        assertThat(w.payments.totals().minted()).isEqualTo(CoinAmount.ZERO);
    }
}
