package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.ebc.config.Settings;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** Where coins come from: allocations once per node (and for the grid), mints from the coinbase. */
class MintingTest {
    private final PaymentWorld w = new PaymentWorld(
            new InMemoryPaymentStore(),
            PaymentSettings.from(Settings.of(java.util.Map.of(PaymentSettings.GRID_ALLOCATION, "100"))),
            true);

    @Test
    void aNodeIsAllocatedOnceToItsFirstAddressInTextOrderAndTheAllocationEntersThePool() {
        Party p = w.unallocatedNode("alice");
        Party q = w.anotherWallet(p);
        WalletAddress first =
                List.of(p.address(), q.address()).stream().sorted().toList().get(0);

        Outcome o = w.payments.allocate(p.node());
        Outcome again = w.payments.allocate(p.node());

        assertThat(o.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.account(first).balance()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(again.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(again.detail()).contains("before");
        assertThat(w.payments.totals().allocated()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(w.payments.memoryPool().ready())
                .extracting(PoolEntry::entry)
                .containsExactly(new LedgerEntry.AllocationEntry(first, CoinAmount.ofCoins(20), "alice"));
        assertThat(PaymentWorld.notices(o, Notice.Balance.class))
                .containsExactly(new Notice.Balance(p.node(), first, CoinAmount.ofCoins(20), CoinAmount.ZERO, 1));
    }

    @Test
    void aNodeWithoutAnAddressIsAllocatedOnceItHasOne() {
        Party p = w.unallocatedNode("bob");
        org.ebc.units.NodeId none = org.ebc.units.NodeId.of("carol");

        assertThat(w.payments.allocate(none).refusal()).isEqualTo(Refusal.NO_ADDRESS);
        assertThat(w.payments.allocate(p.node()).status()).isEqualTo(Outcome.Status.APPLIED);
    }

    @Test
    void theGridAccountGetsItsFloatOnce() {
        assertThat(w.payments.allocateGrid().status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.allocateGrid().status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(100));
        assertThat(w.payments.memoryPool().ready().get(0).entry())
                .isEqualTo(
                        new LedgerEntry.AllocationEntry(w.grid(), CoinAmount.ofCoins(100), PaymentWorld.EAG.value()));
    }

    @Test
    void aMintIsIdempotentUnderItsReferenceAndAnotherMintUnderItConflicts() {
        Party p = w.node("dave");

        assertThat(w.payments
                        .mint("block-1:0", p.address(), CoinAmount.ofCoins(2))
                        .status())
                .isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments
                        .mint("block-1:0", p.address(), CoinAmount.ofCoins(2))
                        .status())
                .isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(w.payments
                        .mint("block-1:0", p.address(), CoinAmount.ofCoins(3))
                        .refusal())
                .isEqualTo(Refusal.MINT_CONFLICT);

        Totals t = w.payments.totals();
        assertThat(t.minted()).isEqualTo(CoinAmount.ofCoins(2));
        assertThat(t.balances()).isEqualTo(CoinAmount.ofCoins(22));
        assertThat(t.conserved()).isTrue();
        assertThat(w.payments.memoryPool().ready())
                .as("a mint is in its block's coinbase, not in the memory pool")
                .hasSize(1);
    }

    /** Four slots of P2P energy from one seller: a period's proof-of-flow award, not yet paid. */
    private Party sellerOfAPeriod() {
        Party seller = w.node("seller");
        Party buyer = w.node("buyer");
        for (int s = 0; s < 4; s++) {
            w.settle(w.bill(org.ebc.trade.Bill.P2P, buyer.address(), seller.address(), 500, 1_000_000));
            w.nextSlot();
        }
        return seller;
    }

    @Test
    void anAwardIsPaidOnceByTheCoinbase() {
        Party seller = sellerOfAPeriod();
        Award a = w.payments.awards().stream()
                .max(Comparator.comparing(Award::period))
                .orElseThrow();

        assertThat(w.payments
                        .payAward(a.period().plus(Duration.ofDays(1)), "cb:1")
                        .refusal())
                .isEqualTo(Refusal.UNKNOWN_AWARD);
        assertThat(w.payments.payAward(a.period(), "cb:1").status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.payAward(a.period(), "cb:1").status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(w.payments.payAward(a.period(), "cb:2").refusal()).isEqualTo(Refusal.AWARD_PAID);
        assertThat(w.payments.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(21));
        assertThat(w.payments.awards().get(0).paidBy()).isEqualTo("cb:1");
        assertThat(w.payments.totals().conserved()).isTrue();
    }

    @Test
    void anAwardIsPaidUnderTheReferenceACommittedBlocksCoinbaseGivesIt() {
        sellerOfAPeriod();
        Award a = w.payments.awards().get(0);
        String ref = org.ebc.gateway.ledger.CoinbaseCredit.awardRef(
                org.ebc.ledger.Sha256Hash.of("an award transaction".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(w.payments.payAward(a.period(), ref).status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.awards().get(0).paidBy()).isEqualTo(ref);
        assertThat(w.payments.totals().conserved()).isTrue();
    }
}
