package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.agent.testing.MutableClock;
import org.ebc.credit.CreditAnswer;
import org.ebc.credit.CreditMessage;
import org.ebc.credit.CreditToken;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/**
 * Borrowing by itself (paper §III): a p2p bill its coins cannot cover makes the node ask for a token, present it for
 * that bill, keep the re-signed token, and mark the bill covered; a credit value the bank corrects is stated again
 * once; a refusal is not repeated before the retry time.
 */
class TraderCreditTest {
    private final TradeFixtures f = new TradeFixtures();
    private final MemoryTradeLedger ledger = new MemoryTradeLedger();
    private final RecordingOutgoing out = new RecordingOutgoing();
    private final MutableClock clock = new MutableClock(TradeFixtures.T0);
    private final Trader trader =
            new Trader(f.nodeKey(), f.wallets, TradeFixtures.config(100), TradeFixtures.SLOT, ledger, out, clock);
    private long answers;

    private CreditMessage sent(int i) {
        byte[] raw = out.credits.get(i);
        return CreditMessage.from(EnvelopeCodec.parsePayload(EnvelopeCodec.frame(raw, EnvelopeCodec.DEFAULT_MAX_BYTES)
                                .envelope())
                        .envelope())
                .value();
    }

    private CreditMessage last() {
        return sent(out.credits.size() - 1);
    }

    private byte[] token(int version, CoinAmount balance) {
        CreditToken t = new CreditToken(
                TradeFixtures.EAG,
                version,
                clock.instant(),
                "eag-1:loan-1",
                TradeFixtures.NODE,
                f.grid,
                CoinAmount.ofCoins(30),
                balance,
                clock.instant().plusSeconds(60),
                clock.instant().plusSeconds(120),
                CoinAmount.ofCoins(1),
                CoinAmount.ofCoins(3),
                0,
                0,
                CreditToken.NO_PAYMENTS);
        return t.sign(f.eagKeys.getPrivate(), KeyId.of(f.eagKeys.getPublic()));
    }

    private void answer(CreditMessage to, String op, String result, long credit, byte[] token) {
        trader.creditAnswer(new CreditAnswer(
                EagId.of("eag-1"),
                ++answers,
                clock.instant(),
                TradeFixtures.NODE,
                to.seq(),
                op,
                result,
                "",
                credit,
                token));
    }

    /** A p2p bill of just under 30 coins against a 20-coin balance. */
    private Bill unfunded() {
        trader.balance(f.balance(f.address1, CoinAmount.ofCoins(20), CoinAmount.ZERO, 1));
        Bill b = f.bill(
                "b-big", f.address1, f.otherAddress, 162_162); // 162.162 kWh at 0.185 EC/kWh: just under 30 coins
        trader.bill(b, f.signed(b));
        assertThat(ledger.bill(b.id()).orElseThrow().state()).isEqualTo(BillState.UNFUNDED);
        return b;
    }

    @Test
    void anUnfundedBillIsPaidWithATokenTheNodeAsksForAndTheBillIsThenCovered() {
        Bill b = unfunded();

        assertThat(out.credits).hasSize(1);
        CreditMessage.Request asked = (CreditMessage.Request) last();
        assertThat(asked.amount()).isEqualTo(b.amount());
        assertThat(asked.addresses()).contains(f.address1);

        byte[] v1 = token(1, CoinAmount.ofCoins(30));
        assertThat(Borrower.read(v1)).as("the bank's token reads back").isPresent();
        answer(asked, "request", CreditAnswer.OK, 0, v1);
        assertThat(ledger.creditToken()).as("the token is kept").isPresent();
        CreditMessage.Pay pay = (CreditMessage.Pay) last();
        assertThat(pay.bill()).isEqualTo(b.id());
        assertThat(pay.to()).isEqualTo(b.payee());
        assertThat(pay.amount()).isEqualTo(b.amount());
        assertThat(pay.token()).isEqualTo(v1);
        assertThat(pay.seq()).isGreaterThan(asked.seq());

        byte[] v2 = token(2, CoinAmount.ZERO);
        answer(pay, "pay", CreditAnswer.OK, 0, v2);

        assertThat(ledger.bill(b.id()).orElseThrow().state()).isEqualTo(BillState.COVERED);
        assertThat(ledger.creditToken().orElseThrow()).isEqualTo(v2);
        assertThat(trader.creditToken().orElseThrow().version()).isEqualTo(2);
        assertThat(trader.summary(10).loan().orElseThrow().balance()).isEqualTo(CoinAmount.ZERO);
        assertThat(out.credits).as("nothing more to pay").hasSize(2);
    }

    @Test
    void aCreditValueTheBankCorrectsIsStatedOnceMoreAndARefusalWaitsForTheRetryTime() {
        unfunded();
        CreditMessage first = last();

        answer(first, "request", "CREDIT_MISMATCH", 4, new byte[0]);
        CreditMessage.Request again = (CreditMessage.Request) last();
        assertThat(again.credit()).isEqualTo(4);

        answer(again, "request", "NO_INCOME", 4, new byte[0]);
        trader.tick();
        assertThat(out.credits).as("not asked again at once").hasSize(2);
        clock.advance(Borrower.RETRY.plusSeconds(1));
        trader.tick();
        assertThat(out.credits).hasSize(3);
    }

    @Test
    void aTokenThatNoLongerCoversTheBillIsNotPresented() {
        unfunded();
        answer(last(), "request", CreditAnswer.OK, 0, token(1, CoinAmount.ofCoins(10)));

        assertThat(out.credits)
                .as("a 10-coin balance does not pay a 30-coin bill: no payment is sent")
                .hasSize(1);
        assertThat(ledger.bill("b-big").orElseThrow().state()).isEqualTo(BillState.UNFUNDED);
    }
}
