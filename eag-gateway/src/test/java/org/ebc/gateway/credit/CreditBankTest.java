package org.ebc.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.ebc.credit.CreditToken;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** The credit bank's decisions, each refusal with its reason, and repayment cases one, two and three. */
class CreditBankTest {
    private final BankFixture f = BankFixture.standard();
    private final WalletAddress seller = WalletAddress.of(KeyPairs.generate().getPublic());

    private Loan lend(BankFixture.Borrower b, long coins) {
        CreditOutcome o = f.borrow(b, coins);
        assertThat(o.refusal()).as(o.detail()).isNull();
        return o.loanOrThrow();
    }

    private CreditOutcome pay(Loan loan, String bill, long coins) {
        return f.bank.pay(new TokenPayment(loan.signed(), seller, bill, CoinAmount.ofCoins(coins)));
    }

    @Test
    void aBorrowerWithWealthIncomeAndCreditGetsASignedTokenFundedFromTheReserve() {
        BankFixture.Borrower b = f.borrower("node-1", 5, 10);
        Loan loan = lend(b, 100);
        CreditToken t = loan.token();
        assertThat(t.amount()).isEqualTo(CoinAmount.ofCoins(100));
        assertThat(t.balance()).isEqualTo(t.amount());
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.validUntil()).isEqualTo(BankFixture.T0.plus(BankFixture.VALIDITY));
        assertThat(t.repayBy()).isEqualTo(t.validUntil().plus(BankFixture.BUFFER));
        assertThat(t.interest().minorUnits()).isPositive();
        assertThat(t.penalty()).isGreaterThan(t.interest());
        assertThat(f.coins.balance(t.wallet())).isEqualTo(t.amount());
        assertThat(f.coins.balance(f.reserve)).isEqualTo(CoinAmount.ofCoins(1_000_000 - 100));
        assertThat(EnvelopeCodec.verify(loan.signed(), k -> java.util.Optional.of(f.eagKeys.getPublic()))
                        .isOk())
                .isTrue();
        assertThat(f.bank.audit().balances()).isTrue();
    }

    @Test
    void aDrawThePaymentCoreMadeBeforeAStopIsRecordedOnceWithoutTheTokensChecks() {
        Loan loan = lend(f.borrower("node-1", 50, 5), 30);
        f.clock.advance(f.bank.settings().validity().plusSeconds(1)); // the token no longer pays

        CreditOutcome recorded = f.bank.recordDraw(loan.id(), "bill-1", seller, CoinAmount.ofCoins(12));
        CreditOutcome again = f.bank.recordDraw(loan.id(), "bill-1", seller, CoinAmount.ofCoins(12));

        assertThat(recorded.accepted()).as(recorded.detail()).isTrue();
        Loan after = f.bank.loan(loan.id()).orElseThrow();
        assertThat(after.drawn()).isEqualTo(CoinAmount.ofCoins(12));
        assertThat(after.token().version()).isEqualTo(2);
        assertThat(after.token().balance()).isEqualTo(loan.token().balance().minus(CoinAmount.ofCoins(12)));
        assertThat(again.detail()).contains("recorded before");
        assertThat(f.bank.loan(loan.id()).orElseThrow().drawn()).isEqualTo(CoinAmount.ofCoins(12));
        assertThat(f.bank.recordDraw("eag-1:loan-99", "bill-2", seller, CoinAmount.ofCoins(1))
                        .refusal())
                .isEqualTo(CreditRefusal.UNKNOWN_TOKEN);
    }

    @Test
    void aNegativeCreditValueIsRefused() {
        BankFixture.Borrower b = f.borrower("node-1", 5, 10);
        f.credit.add(b.node(), -3);
        CreditOutcome o = f.borrow(b, 100);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.NEGATIVE_CREDIT);
        assertThat(o.detail()).contains("credit value -3");
    }

    @Test
    void aBorrowerWithoutIncomeIsRefused() {
        CreditOutcome o = f.borrow(f.borrower("node-1", 5, 0), 100);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.NO_INCOME);
    }

    @Test
    void aBorrowerWithoutWealthIsRefused() {
        CreditOutcome o = f.borrow(f.borrower("node-1", 0, 10), 100);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.NO_WEALTH);
    }

    @Test
    void aStatedCreditValueThatIsNotTheBanksRecordIsRefused() {
        BankFixture.Borrower b = f.borrower("node-1", 5, 10);
        TokenRequest r = new TokenRequest(b.node(), List.of(b.wallet()), CoinAmount.ofCoins(10), 7, b.wallet());
        assertThat(f.bank.requestToken(r, b.standing()).refusal()).isEqualTo(CreditRefusal.CREDIT_MISMATCH);
    }

    @Test
    void anUnregisteredBorrowerOrAForeignAddressIsRefused() {
        BankFixture.Borrower b = f.borrower("node-1", 5, 10);
        assertThat(f.bank.requestToken(
                                f.request(b, 10),
                                new BorrowerStanding(false, Set.of(b.wallet()), b.wealth(), b.income()))
                        .refusal())
                .isEqualTo(CreditRefusal.UNKNOWN_BORROWER);
        WalletAddress other = WalletAddress.of(KeyPairs.generate().getPublic());
        TokenRequest r = new TokenRequest(b.node(), List.of(b.wallet(), other), CoinAmount.ofCoins(10), 0, b.wallet());
        assertThat(f.bank.requestToken(r, b.standing()).refusal()).isEqualTo(CreditRefusal.FOREIGN_ADDRESS);
    }

    @Test
    void aLoanTheBankCannotLendProfitablyIsRefusedAsUnprofitable() {
        // A cost of funds above what any penalty rate up to the cap can earn: no profitable offer.
        CreditSettings.Model m = CreditSettings.exampleModel();
        CreditSettings s = new CreditSettings(
                BankFixture.VALIDITY,
                BankFixture.BUFFER,
                BankFixture.DEFAULT_AFTER,
                2,
                CoinAmount.ofCoins(1),
                1,
                new CreditSettings.Model(m.d(), m.theta(), m.minDemand(), m.price(), m.months(), m.eta(), 50, 0.5),
                org.ebc.gateway.credit.pricing.PricingMethod.CLOSED_FORM);
        BankFixture g = new BankFixture("eag-1", CoinAmount.ofCoins(1_000_000), s);
        g.credit.add(org.ebc.units.NodeId.of("node-1"), 1000); // grade A1: γ = 1, the cost is all that counts
        CreditOutcome o = g.borrow(g.borrower("node-1", 5, 10), 100);
        assertThat(o.refusal()).as(o.detail()).isEqualTo(CreditRefusal.UNPROFITABLE);
    }

    @Test
    void theReserveMustCoverTheLoan() {
        BankFixture g = new BankFixture("eag-1", CoinAmount.ofCoins(50), BankFixture.settings());
        CreditOutcome o = g.borrow(g.borrower("node-1", 5, 10), 100);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.RESERVE_INSUFFICIENT);
    }

    @Test
    void aSecondLoanWhileOneIsOpenIsRefused() {
        BankFixture.Borrower b = f.borrower("node-1", 5, 10);
        lend(b, 10);
        assertThat(f.borrow(b, 10).refusal()).isEqualTo(CreditRefusal.LOAN_OPEN);
    }

    @Test
    void paymentsWithTheNewestTokenPayTheSellerAndReSignTheToken() {
        Loan loan = lend(f.borrower("node-1", 5, 10), 100);
        CreditOutcome paid = pay(loan, "bill-1", 30);
        assertThat(paid.refusal()).as(paid.detail()).isNull();
        Loan after = paid.loanOrThrow();
        assertThat(after.token().version()).isEqualTo(2);
        assertThat(after.token().balance()).isEqualTo(CoinAmount.ofCoins(70));
        assertThat(after.token().paymentsHash()).isNotEqualTo(CreditToken.NO_PAYMENTS);
        assertThat(after.drawn()).isEqualTo(CoinAmount.ofCoins(30));
        assertThat(f.coins.balance(seller)).isEqualTo(CoinAmount.ofCoins(30));
        assertThat(paid.records())
                .singleElement()
                .extracting(CreditRecord::kind)
                .isEqualTo(CreditRecord.PAID);
        // The same bill again is not paid twice.
        CreditOutcome again = f.bank.pay(new TokenPayment(after.signed(), seller, "bill-1", CoinAmount.ofCoins(30)));
        assertThat(again.accepted()).isTrue();
        assertThat(f.coins.balance(seller)).isEqualTo(CoinAmount.ofCoins(30));
        assertThat(f.bank.audit().balances()).isTrue();
    }

    @Test
    void anOlderVersionOfTheTokenIsATokenMismatch() {
        Loan loan = lend(f.borrower("node-1", 5, 10), 100);
        pay(loan, "bill-1", 30);
        CreditOutcome stale = pay(loan, "bill-2", 30);
        assertThat(stale.refusal()).isEqualTo(CreditRefusal.TOKEN_MISMATCH);
        assertThat(stale.detail()).contains("v1").contains("newest version (v2)");
        assertThat(f.coins.balance(seller)).isEqualTo(CoinAmount.ofCoins(30));
    }

    @Test
    void aForgedOrAlteredTokenIsNotHonoured() {
        Loan loan = lend(f.borrower("node-1", 5, 10), 100);
        byte[] altered = loan.signed();
        String text = new String(altered, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"balance\":" + loan.token().balance().minorUnits(), "\"balance\":" + 1);
        CreditOutcome o = f.bank.pay(new TokenPayment(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8), seller, "bill-1", CoinAmount.ofCoins(1)));
        assertThat(o.refusal()).isEqualTo(CreditRefusal.TOKEN_MISMATCH);
        assertThat(f.bank.pay(new TokenPayment(
                                "EBC1|{}|{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                seller,
                                "bill-1",
                                CoinAmount.ofCoins(1)))
                        .refusal())
                .isEqualTo(CreditRefusal.UNKNOWN_TOKEN);
    }

    @Test
    void aBillAboveTheTokensBalanceIsRefusedAsInsufficientBalance() {
        Loan loan = lend(f.borrower("node-1", 5, 10), 100);
        CreditOutcome o = pay(loan, "bill-1", 101);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.INSUFFICIENT_BALANCE);
        assertThat(o.detail()).contains("holds 100");
    }

    @Test
    void anExpiredTokenPaysNothing() {
        Loan loan = lend(f.borrower("node-1", 5, 10), 100);
        f.clock.advance(BankFixture.VALIDITY.plusSeconds(1));
        CreditOutcome o = pay(loan, "bill-1", 10);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.EXPIRED_TOKEN);
        assertThat(f.coins.balance(seller)).isEqualTo(CoinAmount.ZERO);
    }

    @Test
    void caseOneRepaysTheDrawnPrincipalWithInterestAndCountsATimelyRepayment() {
        BankFixture.Borrower b = f.borrower("node-1", 500, 10);
        Loan loan = lend(b, 100);
        pay(loan, "bill-1", 40);
        f.clock.advance(BankFixture.VALIDITY);
        CoinAmount before = f.coins.balance(b.wallet());
        CreditOutcome r = f.bank.repay(loan.id(), b.wallet());
        assertThat(r.refusal()).as(r.detail()).isNull();
        CoinAmount interest = loan.token().interest();
        assertThat(before.minus(f.coins.balance(b.wallet())))
                .isEqualTo(CoinAmount.ofCoins(40).plus(interest));
        assertThat(r.loanOrThrow().status()).isEqualTo(Loan.Status.REPAID);
        assertThat(f.coins.balance(loan.token().wallet())).isEqualTo(CoinAmount.ZERO);
        assertThat(f.book.record(b.node()).repaidInTime()).isEqualTo(1);
        assertThat(f.book.books().income()).isEqualTo(interest);
        assertThat(r.records()).extracting(CreditRecord::kind).containsExactly(CreditRecord.REPAID);
        assertThat(f.bank.audit().balances()).isTrue();
        // The closed loan takes no second repayment and its token pays no more.
        assertThat(f.bank.repay(loan.id(), b.wallet()).refusal()).isEqualTo(CreditRefusal.LOAN_CLOSED);
    }

    @Test
    void caseTwoCountsALateLoanLowersCreditAndChargesThePenalty() {
        BankFixture.Borrower b = f.borrower("node-1", 500, 10);
        f.credit.add(b.node(), 10);
        Loan loan = lend(b, 100);
        pay(loan, "bill-1", 60);
        f.clock.advance(BankFixture.VALIDITY.plus(BankFixture.BUFFER).plusSeconds(1));
        CreditOutcome swept = f.bank.sweep();
        assertThat(swept.records()).extracting(CreditRecord::kind).containsExactly(CreditRecord.LATE);
        assertThat(f.book.record(b.node()).late()).isEqualTo(1);
        assertThat(f.credit.of(b.node())).isEqualTo(10 - 2 * 100); // Credit − d·amount, d = 2 points per coin
        assertThat(f.bank.sweep().records()).as("counted once").isEmpty();
        CoinAmount before = f.coins.balance(b.wallet());
        CreditOutcome r = f.bank.repay(loan.id(), b.wallet());
        assertThat(r.refusal()).as(r.detail()).isNull();
        assertThat(before.minus(f.coins.balance(b.wallet())))
                .isEqualTo(CoinAmount.ofCoins(60).plus(loan.token().penalty()));
        assertThat(r.records()).extracting(CreditRecord::kind).containsExactly(CreditRecord.REPAID_LATE);
        assertThat(f.book.record(b.node()).repaidInTime()).isZero();
        assertThat(f.bank.audit().balances()).isTrue();
        // With a negative credit value now, the next request is refused.
        assertThat(f.borrow(b, 10).refusal()).isEqualTo(CreditRefusal.NEGATIVE_CREDIT);
    }

    @Test
    void caseThreeWritesTheLoanOffAndBlacklistsTheBorrower() {
        BankFixture.Borrower b = f.borrower("node-1", 5, 10);
        Loan loan = lend(b, 100);
        pay(loan, "bill-1", 70);
        f.clock.advance(BankFixture.VALIDITY
                .plus(BankFixture.BUFFER)
                .plus(BankFixture.DEFAULT_AFTER)
                .plusSeconds(1));
        CreditOutcome swept = f.bank.sweep();
        assertThat(swept.records())
                .extracting(CreditRecord::kind)
                .containsExactly(CreditRecord.LATE, CreditRecord.DEFAULTED);
        assertThat(swept.blacklisted()).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo(b.node());
            assertThat(e.bank()).isEqualTo(f.eag);
        });
        assertThat(f.book.books().losses()).isEqualTo(CoinAmount.ofCoins(70));
        assertThat(f.coins.balance(f.reserve)).isEqualTo(CoinAmount.ofCoins(1_000_000 - 70));
        assertThat(f.bank.audit().balances()).isTrue();
        assertThat(f.bank.isBlacklisted(b.node())).isTrue();
        f.credit.add(b.node(), 1000);
        assertThat(f.borrow(b, 10).refusal()).isEqualTo(CreditRefusal.BLACKLISTED);
    }

    @Test
    void aBorrowerBlacklistedAtAnotherEagIsRefusedHereWithThatEagNamed() {
        BankFixture other = new BankFixture("eag-2", CoinAmount.ofCoins(1_000_000), BankFixture.settings());
        BankFixture.Borrower b = other.borrower("node-7", 5, 10);
        Loan loan = other.borrow(b, 100).loanOrThrow();
        other.bank.pay(new TokenPayment(loan.signed(), seller, "bill-9", CoinAmount.ofCoins(50)));
        other.clock.advance(BankFixture.VALIDITY
                .plus(BankFixture.BUFFER)
                .plus(BankFixture.DEFAULT_AFTER)
                .plusSeconds(1));
        BlacklistEntry broadcast = other.bank.sweep().blacklisted().get(0);
        f.bank.blacklisted(broadcast);
        CreditOutcome o = f.borrow(f.borrower("node-7", 5, 10), 100);
        assertThat(o.refusal()).isEqualTo(CreditRefusal.BLACKLISTED);
        assertThat(o.detail()).contains("at eag-2");
    }

    @Test
    void aRepaymentFromAnAddressThatCannotCoverItIsRefusedAndChangesNothing() {
        BankFixture.Borrower b = f.borrower("node-1", 1, 10);
        Loan loan = lend(b, 100);
        pay(loan, "bill-1", 90);
        CreditOutcome r = f.bank.repay(loan.id(), b.wallet());
        assertThat(r.refusal()).isEqualTo(CreditRefusal.NOT_ENOUGH_TO_REPAY);
        assertThat(f.book.loan(loan.id()).orElseThrow().status()).isEqualTo(Loan.Status.OPEN);
        assertThat(f.coins.balance(b.wallet())).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(f.bank.audit().balances()).isTrue();
    }

    @Test
    void theGradeFollowsTheCreditValue() {
        assertThat(f.bank.grade(0).name()).isEqualTo("G5");
        assertThat(f.bank.grade(1).name()).isEqualTo("G4");
        assertThat(f.bank.grade(34).name()).isEqualTo("A1");
        assertThat(f.bank.grade(1_000_000).name()).isEqualTo("A1");
        assertThat(f.bank.grade(-5).name()).isEqualTo("G5");
    }
}
