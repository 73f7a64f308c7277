package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;

/** Proof-of-flow: per period of four slots, the seller address that supplied the most P2P energy is awarded. */
class ProofOfFlowTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party buyer = w.node("buyer");
    private final Party s1 = w.node("s1");
    private final Party s2 = w.node("s2");
    private final Duration period = PaymentWorld.SLOT.multipliedBy(4);

    @Test
    void theSellerThatSuppliedTheMostP2pEnergyInAPeriodIsAwardedWhenItsLastSlotIsSettled() {
        Instant first =
                Instant.ofEpochMilli(Math.floorDiv(w.slot.toEpochMilli(), period.toMillis()) * period.toMillis());
        w.slot = first;
        w.settle(
                w.bill(Bill.P2P, buyer.address(), s1.address(), 900, 1_000_000),
                w.bill(Bill.P2P, buyer.address(), s2.address(), 400, 1_000_000));
        w.nextSlot();
        // s2 catches up in the next slots, and grid exports never count.
        w.settle(
                w.bill(Bill.P2P, buyer.address(), s2.address(), 600, 1_000_000),
                w.billOf(Bill.GRID_EXPORT, w.grid(), s1.address(), CoinAmount.ofCoins(1)));
        w.nextSlot();
        Outcome third = w.settle(w.bill(Bill.P2P, buyer.address(), s2.address(), 1, 1_000_000));
        assertThat(w.payments.awards()).as("the period is not over").isEmpty();
        assertThat(third.detail()).contains("0 proof-of-flow");
        w.nextSlot();

        Outcome last = w.settle();

        assertThat(last.detail()).contains("1 proof-of-flow award");
        Award a = w.payments.awards().get(0);
        assertThat(a.period()).isEqualTo(first);
        assertThat(a.to()).isEqualTo(s2.address());
        assertThat(a.wh()).isEqualTo(Energy.ofWh(1_001));
        assertThat(a.amount()).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(a.paid()).isFalse();
        assertThat(w.payments.memoryPool().entry(a.entry()).orElseThrow().entry())
                .isEqualTo(new LedgerEntry.AwardEntry(s2.address(), CoinAmount.ofCoins(1), first, Energy.ofWh(1_001)));
        assertThat(w.payments.totals().minted())
                .as("pending until the coinbase pays it")
                .isEqualTo(CoinAmount.ZERO);
    }

    @Test
    void aTieGoesToTheAddressThatSortsFirstAndAPeriodIsNeverAwardedTwice() {
        w.slot = Instant.ofEpochMilli(Math.floorDiv(w.slot.toEpochMilli(), period.toMillis()) * period.toMillis());
        w.settle(
                w.bill(Bill.P2P, buyer.address(), s1.address(), 500, 0),
                w.bill(Bill.P2P, buyer.address(), s2.address(), 500, 0));
        for (int i = 0; i < 4; i++) {
            w.nextSlot();
            w.settle();
        }
        w.settle();

        assertThat(w.payments.awards()).hasSize(1);
        assertThat(w.payments.awards().get(0).to())
                .isEqualTo(s1.address().compareTo(s2.address()) < 0 ? s1.address() : s2.address());
    }

    @Test
    void aPeriodWithoutP2pEnergyAwardsNothing() {
        for (int i = 0; i < 8; i++) {
            w.settle(w.billOf(Bill.GRID_IMPORT, buyer.address(), w.grid(), CoinAmount.ofCoins(1)));
            w.nextSlot();
        }
        assertThat(w.payments.awards()).isEmpty();
    }
}
