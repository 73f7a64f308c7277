package org.ebc.gateway.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.gateway.storage.StorageException;
import org.ebc.units.NodeId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code eag-gateway credit show NODE}: one node's loans, repayment record and blacklist entry. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description =
                "Show one node's loans at this bank, its repayment record RP(s, f) (s repaid in time, f late) and "
                        + "whether it is blacklisted (and by which EAG). Reads the database read-only.")
public final class CreditShowCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Parameters(index = "0", paramLabel = "NODE", description = "the node id")
    String node;

    @Override
    public Integer call() {
        if (!NodeId.isValid(node)) {
            System.err.println("eag-gateway credit show: '" + node + "' is not a node id");
            return 2;
        }
        NodeId id = NodeId.of(node);
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            SqliteCreditBook book = SqliteCreditBook.reader(c);
            CreditLoansCommand.print(
                    System.out,
                    book.allLoans().stream()
                            .filter(l -> l.token().borrower().equals(id))
                            .toList());
            var rp = book.record(id);
            System.out.println("record: RP(" + rp.repaidInTime() + ", " + rp.late() + "), λ = " + rp.lambda());
            System.out.println(book.blacklisted(id)
                    .map(e -> "blacklisted by " + e.bank() + " since " + e.at() + " (loan " + e.token() + ")")
                    .orElse("not blacklisted"));
            return 0;
        } catch (ConfigException | SQLException | StorageException e) {
            System.err.println("eag-gateway credit show: " + e.getMessage());
            return 2;
        }
    }
}
