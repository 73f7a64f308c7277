package org.ebc.gateway.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.credit.Loan;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.gateway.storage.StorageException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway credit loans}: the bank's loans and its books. */
@Command(
        name = "loans",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "List the credit bank's loans (token id, borrower, status, amount lent, balance left in the loan "
                + "wallet, drawn, valid until, repay by, interest and penalty due) and its books (capital, income, losses). "
                + "Reads the database read-only while the gateway runs.")
public final class CreditLoansCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Option(names = "--live", description = "only open and late loans")
    boolean live;

    @Override
    public Integer call() {
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            SqliteCreditBook book = SqliteCreditBook.reader(c);
            print(System.out, live ? book.liveLoans() : book.allLoans());
            var b = book.books();
            System.out.println("books: capital " + b.capital() + ", income " + b.income() + ", losses " + b.losses()
                    + ", equity " + b.equity());
            return 0;
        } catch (ConfigException | SQLException | StorageException e) {
            System.err.println("eag-gateway credit loans: " + e.getMessage());
            return 2;
        }
    }

    static void print(PrintStream out, List<Loan> loans) {
        if (loans.isEmpty()) {
            out.println("no loans");
            return;
        }
        out.printf(
                "%-22s %-12s %-9s %16s %16s %16s %-24s %-24s %14s %14s%n",
                "TOKEN",
                "BORROWER",
                "STATUS",
                "AMOUNT",
                "BALANCE",
                "DRAWN",
                "VALID UNTIL",
                "REPAY BY",
                "INTEREST",
                "PENALTY");
        for (Loan l : loans) {
            var t = l.token();
            out.printf(
                    "%-22s %-12s %-9s %16s %16s %16s %-24s %-24s %14s %14s%n",
                    t.id(),
                    t.borrower(),
                    l.status(),
                    t.amount(),
                    t.balance(),
                    l.drawn(),
                    t.validUntil(),
                    t.repayBy(),
                    t.interest(),
                    t.penalty());
        }
    }
}
