package org.ebc.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.cli.StdoutCli;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eag-gateway credit loans|show|blacklist} read a real bank's SQLite book, read-only. */
class CreditCommandsTest {
    @TempDir
    Path dir;

    private static StdoutCli.Run run(String... args) {
        return StdoutCli.run(args);
    }

    @Test
    void theLoansOneNodesRecordAndTheBlacklistAreListed() throws SQLException {
        CoinAmount capital = CoinAmount.ofCoins(1_000_000);
        SqliteCreditBook book = new SqliteCreditBook(GatewayDatabase.openMigrated(GatewayDatabase.file(dir)), capital);
        BankFixture f = new BankFixture("eag-1", capital, BankFixture.settings(), c -> book);
        BankFixture.Borrower good = f.borrower("node-1", 500, 10);
        BankFixture.Borrower bad = f.borrower("node-2", 5, 10);
        Loan first = f.borrow(good, 100).loanOrThrow();
        Loan second = f.borrow(bad, 50).loanOrThrow();
        f.bank.pay(new TokenPayment(
                second.signed(), WalletAddress.of(KeyPairs.generate().getPublic()), "bill-1", CoinAmount.ofCoins(20)));
        f.bank.repay(first.id(), good.wallet());
        f.clock.advance(BankFixture.VALIDITY
                .plus(BankFixture.BUFFER)
                .plus(BankFixture.DEFAULT_AFTER)
                .plusSeconds(1));
        f.bank.sweep();
        book.close();

        StdoutCli.Run loans = run("credit", "loans", "--data", dir.toString());
        assertThat(loans.exit()).isZero();
        assertThat(loans.out())
                .contains(first.id())
                .contains("REPAID")
                .contains(second.id())
                .contains("DEFAULTED")
                .contains("losses " + CoinAmount.ofCoins(20));
        StdoutCli.Run live = run("credit", "loans", "--live", "--data", dir.toString());
        assertThat(live.out()).contains("no loans");
        StdoutCli.Run show = run("credit", "show", "node-2", "--data", dir.toString());
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains(second.id()).contains("RP(0, 1)").contains("blacklisted by eag-1");
        assertThat(run("credit", "show", "node-1", "--data", dir.toString()).out())
                .contains("RP(1, 0)")
                .contains("not blacklisted");
        StdoutCli.Run black = run("credit", "blacklist", "--data", dir.toString());
        assertThat(black.out()).contains("node-2").contains("eag-1").contains(second.id());
        assertThat(run("credit", "show", "not a node", "--data", dir.toString()).exit())
                .isEqualTo(2);
    }
}
