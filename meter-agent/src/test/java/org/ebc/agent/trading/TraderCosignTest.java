package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ebc.agent.testing.MutableClock;
import org.ebc.payment.Cosign;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** Co-signing sales: a matching, covered transfer is co-signed with the payee's wallet key; anything else is not. */
class TraderCosignTest {
    private final TradeFixtures f = new TradeFixtures();
    private final MemoryTradeLedger ledger = new MemoryTradeLedger();
    private final RecordingOutgoing out = new RecordingOutgoing();
    private final MutableClock clock = new MutableClock(TradeFixtures.T0);
    private final Trader trader =
            new Trader(f.nodeKey(), f.wallets, TradeFixtures.config(100), TradeFixtures.SLOT, ledger, out, clock);
    private final Bill sale = f.bill("sale-1", f.otherAddress, f.address2, 600);

    private void received() {
        trader.bill(sale, f.signed(sale));
    }

    @Test
    void aMatchingCoveredTransferIsCosignedWithThePayeesWalletKey() {
        received();
        byte[] t = f.transferFromOther(sale, sale.amount(), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofCoins(19)), f.eagKeyId());

        assertThat(out.payments).hasSize(1);
        Transfer transfer = PaymentCheck.transfer(t).get();
        PaymentCheck.Checked<Cosign> c = PaymentCheck.cosign(out.lastPayment(), transfer, TradeFixtures.digest(t));
        assertThat(c.ok()).as(c.reason() + " " + c.detail()).isTrue();
        assertThat(c.get().payee()).isEqualTo(f.address2);
        assertThat(c.get().nonce()).isEqualTo(7);
        assertThat(ledger.bill("sale-1").orElseThrow().state()).isEqualTo(BillState.COSIGNED);
        assertThat(ledger.cosign(TradeFixtures.digest(t)).orElseThrow().state()).isEqualTo(CosignState.SENT);
    }

    @Test
    void aRepeatedRequestGetsTheSameCosignatureAgain() {
        received();
        byte[] t = f.transferFromOther(sale, sale.amount(), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofCoins(19)), f.eagKeyId());
        clock.advance(Duration.ofSeconds(1));
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofCoins(19)), f.eagKeyId());
        assertThat(out.payments).hasSize(2);
        assertThat(out.payments.get(1)).isEqualTo(out.payments.get(0));
    }

    @Test
    void aMismatchingRequestIsRefusedSilentlyAndRecordedOnce() {
        received();
        byte[] wrong = f.transferFromOther(sale, sale.amount().minus(CoinAmount.ofMinorUnits(1_000)), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, wrong, CoinAmount.ofCoins(19)), f.eagKeyId());
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, wrong, CoinAmount.ofCoins(19)), f.eagKeyId());
        assertThat(out.payments).isEmpty();
        assertThat(ledger.cosignRefusals()).isEqualTo(1);
        assertThat(ledger.events())
                .extracting(MemoryTradeLedger.Event::kind)
                .containsExactly(TradeEvent.COSIGN_REFUSED);
        assertThat(ledger.bill("sale-1").orElseThrow().state()).isEqualTo(BillState.OPEN);
    }

    @Test
    void anUncoveredTransferIsNotCosigned() {
        received();
        byte[] t = f.transferFromOther(sale, sale.amount(), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofMinorUnits(5)), f.eagKeyId());
        assertThat(out.payments).isEmpty();
        assertThat(ledger.cosignRefusals()).isEqualTo(1);
    }

    @Test
    void aRequestThatArrivesBeforeItsBillIsCosignedWhenTheBillArrives() {
        byte[] t = f.transferFromOther(sale, sale.amount(), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofCoins(19)), f.eagKeyId());
        assertThat(out.payments).isEmpty();
        assertThat(ledger.cosignRefusals()).isZero();
        received();
        assertThat(out.payments).hasSize(1);
    }

    @Test
    void theGatewaysReceiptsMoveTheSaleToPaid() {
        received();
        byte[] t = f.transferFromOther(sale, sale.amount(), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofCoins(19)), f.eagKeyId());
        String cosignDigest = TradeFixtures.digest(out.lastPayment());
        trader.receipt(new Receipt(
                TradeFixtures.EAG,
                1,
                clock.instant(),
                TradeFixtures.NODE,
                "cosign",
                cosignDigest,
                Receipt.Status.ACCEPTED,
                "OK",
                ""));
        assertThat(ledger.cosign(TradeFixtures.digest(t)).orElseThrow().state()).isEqualTo(CosignState.ACCEPTED);
        trader.receipt(new Receipt(
                TradeFixtures.EAG,
                2,
                clock.instant(),
                TradeFixtures.NODE,
                "cosign",
                TradeFixtures.digest(t),
                Receipt.Status.APPLIED,
                "OK",
                ""));
        assertThat(ledger.cosign(TradeFixtures.digest(t)).orElseThrow().state()).isEqualTo(CosignState.APPLIED);
        assertThat(ledger.bill("sale-1").orElseThrow().state()).isEqualTo(BillState.PAID);
    }

    @Test
    void anUnansweredCosignatureIsPublishedAgain() {
        received();
        byte[] t = f.transferFromOther(sale, sale.amount(), 7);
        trader.cosignRequest(TradeFixtures.cosignRequest(sale, t, CoinAmount.ofCoins(19)), f.eagKeyId());
        clock.advance(Duration.ofSeconds(11));
        trader.tick();
        assertThat(out.payments).hasSize(2);
        assertThat(out.payments.get(1)).isEqualTo(out.payments.get(0));
    }
}
