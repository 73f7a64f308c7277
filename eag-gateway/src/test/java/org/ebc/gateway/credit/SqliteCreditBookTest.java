package org.ebc.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.gateway.storage.StorageException;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credit bank's book in a real SQLite file: a loan's life survives reopening the file at every step. */
class SqliteCreditBookTest {
    @TempDir
    Path dir;

    private SqliteCreditBook open(CoinAmount capital) {
        try {
            return new SqliteCreditBook(GatewayDatabase.openMigrated(GatewayDatabase.file(dir)), capital);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same bank (ports, keys, clock) over a freshly opened book, as after a gateway restart. */
    private static CreditBank reopened(BankFixture f, CreditBook book) {
        return new CreditBank(
                f.eag,
                f.reserve,
                BankFixture.settings(),
                book,
                f.coins,
                f.credit,
                token -> WalletAddress.of(KeyPairs.generate().getPublic()),
                token -> token.sign(f.eagKeys.getPrivate(), KeyId.of(f.eagKeys.getPublic())),
                f.clock);
    }

    @Test
    void aLoansWholeLifeSurvivesReopeningTheFile() {
        CoinAmount capital = CoinAmount.ofCoins(1_000_000);
        SqliteCreditBook first = open(capital);
        BankFixture f = new BankFixture("eag-1", capital, BankFixture.settings(), c -> first);
        WalletAddress seller = WalletAddress.of(KeyPairs.generate().getPublic());
        BankFixture.Borrower b = f.borrower("node-1", 500, 10);
        Loan loan = f.borrow(b, 100).loanOrThrow();
        Loan paid = f.bank.pay(new TokenPayment(loan.signed(), seller, "bill-1", CoinAmount.ofCoins(30)))
                .loanOrThrow();
        first.close();

        try (SqliteCreditBook second = open(CoinAmount.ofCoins(1))) {
            CreditBank bank = reopened(f, second);
            assertThat(second.books().capital()).as("the books opened once").isEqualTo(capital);
            assertThat(second.loan(loan.id()).orElseThrow()).isEqualTo(paid);
            assertThat(second.liveLoan(b.node()).orElseThrow().id()).isEqualTo(loan.id());
            assertThat(second.paidBill("bill-1")).contains(loan.id());
            assertThat(bank.pay(new TokenPayment(loan.signed(), seller, "bill-2", CoinAmount.ofCoins(1)))
                            .refusal())
                    .isEqualTo(CreditRefusal.TOKEN_MISMATCH);
            assertThat(bank.pay(new TokenPayment(paid.signed(), seller, "bill-2", CoinAmount.ofCoins(10)))
                            .accepted())
                    .isTrue();
            f.clock.advance(BankFixture.VALIDITY.plus(BankFixture.BUFFER).plusSeconds(1));
            assertThat(bank.sweep().records()).extracting(CreditRecord::kind).containsExactly(CreditRecord.LATE);
            assertThat(bank.audit().balances()).isTrue();
        }
        try (SqliteCreditBook third = open(CoinAmount.ofCoins(1))) {
            CreditBank bank = reopened(f, third);
            assertThat(third.record(b.node()).late()).isEqualTo(1);
            assertThat(third.loan(loan.id()).orElseThrow().status()).isEqualTo(Loan.Status.LATE);
            CreditOutcome r = bank.repay(loan.id(), b.wallet());
            assertThat(r.refusal()).as(r.detail()).isNull();
            assertThat(third.books().income()).isEqualTo(loan.token().penalty());
            assertThat(third.liveLoans()).isEmpty();
            assertThat(third.allLoans())
                    .singleElement()
                    .extracting(Loan::status)
                    .isEqualTo(Loan.Status.REPAID);
            assertThat(bank.audit().balances()).isTrue();
            assertThat(third.nextLoanNumber()).isEqualTo(2);
        }
    }

    @Test
    void theBlacklistAndRecordsPersist() {
        try (SqliteCreditBook book = open(CoinAmount.ofCoins(10))) {
            book.blacklist(new BlacklistEntry(
                    NodeId.of("node-9"), org.ebc.units.EagId.of("eag-2"), "eag-2:loan-3", BankFixture.T0));
            book.putRecord(NodeId.of("node-9"), new org.ebc.gateway.credit.pricing.RepaymentRecord(2, 1));
        }
        try (SqliteCreditBook book = open(CoinAmount.ofCoins(10))) {
            BlacklistEntry e = book.blacklisted(NodeId.of("node-9")).orElseThrow();
            assertThat(e.bank().value()).isEqualTo("eag-2");
            assertThat(e.at()).isEqualTo(BankFixture.T0);
            assertThat(book.blacklist()).hasSize(1);
            assertThat(book.record(NodeId.of("node-9")).repaidInTime()).isEqualTo(2);
            assertThat(book.record(NodeId.of("node-1")).late()).isZero();
        }
    }

    @Test
    void aNodesMessageSequenceSurvivesAReopenSoAReplayIsRefusedAfterARestart() {
        CoinAmount capital = CoinAmount.ofCoins(10);
        SqliteCreditBook first = open(capital);
        BankFixture f = new BankFixture("eag-1", capital, BankFixture.settings(), c -> first);
        assertThat(f.bank.admitMessage(NodeId.of("node-1"), 5)).isTrue();
        assertThat(f.bank.admitMessage(NodeId.of("node-1"), 5)).isFalse();
        first.close();
        try (SqliteCreditBook second = open(capital)) {
            CreditBank bank = reopened(f, second);
            assertThat(bank.admitMessage(NodeId.of("node-1"), 4)).isFalse();
            assertThat(bank.admitMessage(NodeId.of("node-1"), 6)).isTrue();
            assertThat(bank.admitMessage(NodeId.of("node-2"), 1)).isTrue();
        }
    }

    @Test
    void anOperationThatFailsHalfWayLeavesNothingBehind() {
        try (SqliteCreditBook book = open(CoinAmount.ofCoins(10))) {
            assertThatThrownBy(() -> book.atomically(() -> {
                        book.putRecord(NodeId.of("node-1"), new org.ebc.gateway.credit.pricing.RepaymentRecord(5, 0));
                        book.markBillPaid("bill-1", "no-such-loan"); // the foreign key refuses it
                        return null;
                    }))
                    .isInstanceOf(StorageException.class);
            assertThat(book.record(NodeId.of("node-1")).repaidInTime()).isZero();
            assertThat(book.paidBill("bill-1")).isEmpty();
        }
    }
}
