package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ebc.agent.testing.MutableClock;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/**
 * Paying bills: an exact transfer with the right nonce, signed by the paying wallet key; receipts move the bill
 * on; refusals for funds and nonces are handled as documented; an unpayable bill never blocks the others.
 */
class TraderPaymentsTest {
    private final TradeFixtures f = new TradeFixtures();
    private final MemoryTradeLedger ledger = new MemoryTradeLedger();
    private final RecordingOutgoing out = new RecordingOutgoing();
    private final MutableClock clock = new MutableClock(TradeFixtures.T0);
    private final Trader trader =
            new Trader(f.nodeKey(), f.wallets, TradeFixtures.config(100), TradeFixtures.SLOT, ledger, out, clock);

    private Transfer transfer(byte[] raw) {
        PaymentCheck.Checked<Transfer> c = PaymentCheck.transfer(raw);
        assertThat(c.ok()).as(c.reason() + " " + c.detail()).isTrue();
        return c.get();
    }

    private Receipt receipt(byte[] transfer, Receipt.Status status, String reason) {
        return new Receipt(
                TradeFixtures.EAG,
                1,
                clock.instant(),
                TradeFixtures.NODE,
                "transfer",
                TradeFixtures.digest(transfer),
                status,
                reason,
                "");
    }

    private Bill owe(String id, long wh) {
        Bill b = f.bill(id, f.address1, f.otherAddress, wh);
        trader.bill(b, f.signed(b));
        return b;
    }

    private void coins(long coins, long pendingMinor, long nextNonce) {
        trader.balance(
                f.balance(f.address1, CoinAmount.ofCoins(coins), CoinAmount.ofMinorUnits(pendingMinor), nextNonce));
    }

    @Test
    void aBillIsPaidWithATransferOfExactlyItsAmountToItsPayeeWithTheNoticesNonce() {
        coins(20, 0, 4);
        Bill b = owe("b-1", 600);

        assertThat(out.payments).hasSize(1);
        Transfer t = transfer(out.lastPayment());
        assertThat(t.payer()).isEqualTo(f.address1);
        assertThat(t.payee()).isEqualTo(b.payee());
        assertThat(t.amount()).isEqualTo(b.amount());
        assertThat(t.bill()).isEqualTo("b-1");
        assertThat(t.nonce()).isEqualTo(4);
        assertThat(ledger.bill("b-1").orElseThrow().state()).isEqualTo(BillState.SENT);
        assertThat(ledger.wallet(f.address1).orElseThrow().nextNonce()).isEqualTo(5);
    }

    @Test
    void withoutAnyNoticeAFreshAddressStartsAtNonceOne() {
        owe("b-1", 600);
        assertThat(transfer(out.lastPayment()).nonce()).isEqualTo(1);
    }

    @Test
    void aBillTheNodeIsPaidIsNotPaidByIt() {
        Bill sale = f.bill("s-1", f.otherAddress, f.address2, 600);
        trader.bill(sale, f.signed(sale));
        assertThat(out.payments).isEmpty();
        assertThat(ledger.bill("s-1").orElseThrow().role()).isEqualTo(BillRole.RECEIVE);
    }

    @Test
    void aBillForSomeoneElseIsIgnored() {
        Bill b = f.bill("x-1", f.otherAddress, f.grid, 600);
        trader.bill(b, f.signed(b));
        assertThat(ledger.bill("x-1")).isEmpty();
    }

    @Test
    void pendingThenAppliedPaysTheBillAndTheNextBillTakesTheNextNonce() {
        coins(20, 0, 1);
        owe("b-1", 600);
        owe("b-2", 300);
        assertThat(out.payments)
                .as("one unanswered transfer per address at a time")
                .hasSize(1);
        byte[] first = out.lastPayment();

        trader.receipt(receipt(first, Receipt.Status.PENDING, "OK"));
        assertThat(ledger.bill("b-1").orElseThrow().state()).isEqualTo(BillState.PENDING);
        assertThat(out.payments).hasSize(2);
        Transfer second = transfer(out.lastPayment());
        assertThat(second.bill()).isEqualTo("b-2");
        assertThat(second.nonce()).isEqualTo(2);

        trader.receipt(receipt(first, Receipt.Status.APPLIED, "OK"));
        assertThat(ledger.bill("b-1").orElseThrow().state()).isEqualTo(BillState.PAID);
        trader.receipt(receipt(out.lastPayment(), Receipt.Status.APPLIED, "OK"));
        assertThat(ledger.unpaidBills()).isEmpty();
    }

    @Test
    void billsArePaidInTheEagsBillOrder() {
        Bill first = f.bill("b-first", f.address1, f.otherAddress, 100);
        Bill second = f.bill("b-second", f.address1, f.otherAddress, 100);
        coins(0, 0, 1); // nothing to pay with yet: both wait
        trader.bill(second, f.signed(second));
        trader.bill(first, f.signed(first));
        assertThat(out.payments).isEmpty();
        coins(20, 0, 1);
        assertThat(transfer(out.lastPayment()).bill()).isEqualTo("b-first");
        trader.receipt(receipt(out.lastPayment(), Receipt.Status.PENDING, "OK"));
        assertThat(transfer(out.lastPayment()).bill()).isEqualTo("b-second");
        assertThat(transfer(out.lastPayment()).nonce()).isEqualTo(2);
    }

    @Test
    void anUnansweredTransferIsPublishedAgainWithTheSameBytes() {
        owe("b-1", 600);
        clock.advance(Duration.ofSeconds(11));
        trader.tick();
        assertThat(out.payments).hasSize(2);
        assertThat(out.payments.get(1)).isEqualTo(out.payments.get(0));
    }

    @Test
    void aBillTheKnownBalanceCannotCoverStaysOpenAndTheSmallerOneBehindItIsPaid() {
        coins(1, 0, 1); // 1 coin: 600 Wh at 0.185 is 0.111 coins, 6000 Wh is 1.11
        owe("big", 6000);
        owe("small", 600);
        assertThat(ledger.bill("big").orElseThrow().state()).isEqualTo(BillState.UNFUNDED);
        assertThat(transfer(out.lastPayment()).bill()).isEqualTo("small");
        assertThat(ledger.events()).extracting(MemoryTradeLedger.Event::kind).containsExactly(TradeEvent.BILL_UNFUNDED);

        trader.receipt(receipt(out.lastPayment(), Receipt.Status.APPLIED, "OK"));
        coins(5, 0, 2); // a sale came in
        assertThat(transfer(out.lastPayment()).bill()).isEqualTo("big");
        assertThat(transfer(out.lastPayment()).nonce()).isEqualTo(2);
    }

    @Test
    void theGatewaysInsufficientFundsLeavesTheBillOpenFreesTheNonceAndDoesNotBlockTheNext() {
        owe("b-1", 600); // no notice: the agent cannot know, the gateway decides
        byte[] first = out.lastPayment();
        owe("b-2", 300);
        trader.receipt(receipt(first, Receipt.Status.REFUSED, "INSUFFICIENT_FUNDS"));

        assertThat(ledger.bill("b-1").orElseThrow().state()).isEqualTo(BillState.UNFUNDED);
        Transfer next = transfer(out.lastPayment());
        assertThat(next.bill()).isEqualTo("b-2");
        assertThat(next.nonce())
                .as("the refused transfer changed nothing: its nonce is free")
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        trader.tick();
        assertThat(out.payments)
                .as("the unfunded bill waits for a balance notice")
                .hasSize(3); // b-2 again only
        assertThat(transfer(out.lastPayment()).bill()).isEqualTo("b-2");
    }

    @Test
    void aBillACreditLoanCoversIsLeftToTheBankFreesTheNonceAndIsNeverPaidAgain() {
        coins(20, 0, 1);
        owe("b-1", 600);
        byte[] first = out.lastPayment();
        owe("b-2", 300);
        trader.receipt(receipt(first, Receipt.Status.REFUSED, "COVERED"));

        BillRecord covered = ledger.bill("b-1").orElseThrow();
        assertThat(covered.state()).isEqualTo(BillState.COVERED);
        assertThat(covered.state().open())
                .as("owed to the bank as the loan, not as this bill")
                .isFalse();
        Transfer next = transfer(out.lastPayment());
        assertThat(next.bill()).isEqualTo("b-2");
        assertThat(next.nonce()).as("the refused transfer's nonce is free").isEqualTo(1);
        trader.receipt(receipt(out.lastPayment(), Receipt.Status.APPLIED, "OK"));
        int published = out.payments.size();

        coins(20, 0, 2);
        trader.tick();
        assertThat(out.payments)
                .as("a newer notice does not pay the covered bill")
                .hasSize(published);
    }

    @Test
    void aLoanBillIsRepaidToTheEagsAccountLikeAnyBillOnceTheBalanceCoversIt() {
        coins(1, 0, 1);
        Bill due = f.loanBill("eag-1:loan-1/1", f.address1, CoinAmount.ofCoins(3));
        trader.bill(due, f.signed(due));
        assertThat(ledger.bill(due.id()).orElseThrow().state()).isEqualTo(BillState.UNFUNDED);
        int published = out.payments.size();

        coins(5, 0, 1); // later income
        Transfer repaid = transfer(out.lastPayment());

        assertThat(out.payments).hasSize(published + 1);
        assertThat(repaid.bill()).isEqualTo(due.id());
        assertThat(repaid.payee()).isEqualTo(f.grid);
        assertThat(repaid.amount()).isEqualTo(CoinAmount.ofCoins(3));
    }

    @Test
    void aNonceRefusalResyncsFromTheLatestNoticeAndRetriesOnce() {
        coins(20, 0, 1);
        owe("b-1", 600);
        byte[] first = out.lastPayment();
        coins(20, 0, 3); // the gateway says nonce 3 (another client of this wallet? a restored file?)
        // The agent's own next nonce already moved on to max(2, 3) = 3; the transfer out there carries 1.
        trader.receipt(receipt(first, Receipt.Status.REFUSED, "REPLAY"));
        Transfer retry = transfer(out.lastPayment());
        assertThat(retry.nonce()).isEqualTo(3);
        assertThat(retry.bill()).isEqualTo("b-1");

        trader.receipt(receipt(out.lastPayment(), Receipt.Status.REFUSED, "NONCE_GAP"));
        BillRecord b = ledger.bill("b-1").orElseThrow();
        assertThat(b.state()).isEqualTo(BillState.REFUSED);
        assertThat(b.reason()).startsWith("NONCE_GAP");
        int published = out.payments.size();
        clock.advance(Duration.ofMinutes(5));
        trader.tick();
        assertThat(out.payments).as("once only, until a newer notice").hasSize(published);

        coins(20, 0, 3);
        assertThat(out.payments).hasSize(published + 1);
        assertThat(transfer(out.lastPayment()).nonce()).isEqualTo(3);
    }

    @Test
    void anotherRefusalLeavesTheBillRefusedAndVisible() {
        coins(20, 0, 1);
        owe("b-1", 600);
        trader.receipt(receipt(out.lastPayment(), Receipt.Status.REFUSED, "UNKNOWN_BILL"));
        BillRecord b = ledger.bill("b-1").orElseThrow();
        assertThat(b.state()).isEqualTo(BillState.REFUSED);
        assertThat(trader.summary(5).bills()).extracting(BillRecord::id).contains("b-1");
        assertThat(ledger.wallet(f.address1).orElseThrow().nextNonce()).isEqualTo(1);
        assertThat(ledger.events())
                .extracting(MemoryTradeLedger.Event::kind)
                .containsExactly(TradeEvent.TRANSFER_REFUSED);
    }

    @Test
    void aBillStoredButNotYetPaidWhenTheAgentDiedIsPaidAtTheNextConnection() {
        Bill b = f.bill("b-crash", f.address1, f.otherAddress, 600);
        ledger.addBill(BillRecord.received(b, f.signed(b), BillRole.PAY, TradeFixtures.T0)); // stored, then kill -9
        Trader restarted =
                new Trader(f.nodeKey(), f.wallets, TradeFixtures.config(100), TradeFixtures.SLOT, ledger, out, clock);
        restarted.connected();
        assertThat(transfer(out.lastPayment()).bill()).isEqualTo("b-crash");
    }

    @Test
    void aRepeatedBillChangesNothing() {
        Bill b = owe("b-1", 600);
        trader.bill(b, f.signed(b));
        assertThat(out.payments).hasSize(1);
    }

    @Test
    void anOlderBalanceNoticeIsIgnored() {
        coins(20, 0, 5);
        trader.balance(new org.ebc.payment.BalanceNotice(
                TradeFixtures.EAG,
                0,
                TradeFixtures.T0,
                TradeFixtures.NODE,
                f.address1,
                CoinAmount.ofCoins(1),
                CoinAmount.ZERO,
                2));
        WalletState w = ledger.wallet(f.address1).orElseThrow();
        assertThat(w.balance()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(w.nextNonce()).isEqualTo(5);
    }
}
