package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.ebc.gateway.chain.BlockAssembler;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.BlockVerdict;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.gateway.ledger.MemoryPoolFeed;
import org.ebc.ledger.Block;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Target;
import org.ebc.testing.TestConsortium;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/**
 * The memory pool into a block: a paid P2P bill's allocations and transfer, admitted and signed by the EAG the
 * genesis names, are a block the chain's validator accepts with every balance the payment core shows; committing it
 * marks the pool entries committed. Real signatures throughout.
 */
class MemoryPoolToBlockTest {
    private final TestConsortium c = TestConsortium.create(
            1,
            0,
            b -> b.allocationPerNode(PaymentSettings.DEFAULTS.initialAllocation())
                    .initialTarget(Target.ofLeadingZeroBits(8)));
    private final PaymentWorld w = new PaymentWorld(
            new InMemoryPaymentStore(), PaymentSettings.DEFAULTS, true, c.eag(1).keys());

    @Test
    void aPaidBillsAllocationsAndTransferMakeAValidBlockAndAreMarkedCommitted() {
        Party buyer = w.node("buyer");
        Party seller = w.node("seller");
        Bill bill = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(3));
        w.settle(bill);
        w.pay(buyer, bill);
        w.cosign(seller, w.pendingFor(bill));
        MemoryPool pool = w.payments.memoryPool();
        assertThat(pool.readyCount()).isEqualTo(3);

        MemoryPoolFeed feed = new MemoryPoolFeed(PaymentWorld.EAG, c.eag(1).keys(), pool, c.genesis(), 100);
        List<LedgerTransaction> txs = feed.candidates();
        assertThat(txs).extracting(t -> t.kind().wire()).containsExactly("allocation", "allocation", "transfer");
        assertThat(feed.candidates())
                .as("an entry is signed once: its id does not change")
                .extracting(LedgerTransaction::id)
                .containsExactlyElementsOf(
                        txs.stream().map(LedgerTransaction::id).toList());

        InMemoryEnrollments enrolled = InMemoryEnrollments.EMPTY
                .with(buyer.node(), PaymentWorld.EAG, List.of(buyer.address()))
                .with(seller.node(), PaymentWorld.EAG, List.of(seller.address()));
        InMemoryChainState state = InMemoryChainState.atGenesis(c.genesis(), enrolled);
        BlockValidator validator = BlockValidator.singleThreaded(c.genesis());
        BlockAssembler.Candidate cand = new BlockAssembler(validator)
                .assemble(state, PaymentWorld.EAG, txs, TestConsortium.GENESIS_TIME.toEpochMilli() + 60_000, 100);
        assertThat(cand.skipped())
                .as("nothing the payment core applied is refused by the chain")
                .isEmpty();
        Block block = cand.sign(
                new Miner().mine(cand.template(), new MiningJob(1)).headerOrThrow(),
                c.eag(1).keys());
        BlockVerdict v = validator.validate(
                block, state, Clock.fixed(TestConsortium.GENESIS_TIME.plusSeconds(3600), ZoneOffset.UTC));
        assertThat(v.isValid()).as(v.detail()).isTrue();
        InMemoryChainState after = state.apply(v.effectsOrThrow());
        assertThat(after.balance(buyer.address()))
                .isEqualTo(w.payments.account(buyer.address()).balance());
        assertThat(after.balance(seller.address()))
                .isEqualTo(w.payments.account(seller.address()).balance());

        org.ebc.consensus.CertifiedBlock certified = new org.ebc.consensus.CertifiedBlock(
                block.encode(),
                new org.ebc.consensus.CommitCertificate(
                        org.ebc.consensus.Consortium.of(c.genesis()).genesis(),
                        1,
                        0,
                        new org.ebc.consensus.BlockHash(block.hash().hex()),
                        List.of()));
        // After a restart the node replays its stored blocks to a fresh feed, which signed nothing yet.
        new MemoryPoolFeed(PaymentWorld.EAG, c.eag(1).keys(), pool, c.genesis(), 100).committed(block, certified);
        assertThat(pool.readyCount())
                .as("entries marked from the block's own transactions")
                .isZero();
        // The feed that signed them matches them by id; marking again changes nothing.
        feed.committed(block, certified);
        assertThat(pool.readyCount()).isZero();
        assertThat(feed.waiting()).isZero();
        assertThat(feed.candidates()).isEmpty();
    }
}
