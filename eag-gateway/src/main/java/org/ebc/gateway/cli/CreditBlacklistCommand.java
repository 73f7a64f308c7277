package org.ebc.gateway.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.credit.BlacklistEntry;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.gateway.storage.StorageException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code eag-gateway credit blacklist}: the consortium's blacklist as this EAG holds it. */
@Command(
        name = "blacklist",
        mixinStandardHelpOptions = true,
        description =
                "List the borrowers this EAG refuses (case three): each node, the EAG it defaulted at, the loan and "
                        + "when. Entries come from this bank's own write-offs and from other EAGs' signed broadcasts.")
public final class CreditBlacklistCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Override
    public Integer call() {
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            var list = SqliteCreditBook.reader(c).blacklist();
            if (list.isEmpty()) {
                System.out.println("nobody is blacklisted");
                return 0;
            }
            System.out.printf("%-14s %-10s %-24s %s%n", "NODE", "BY EAG", "SINCE", "LOAN");
            for (BlacklistEntry e : list) {
                System.out.printf("%-14s %-10s %-24s %s%n", e.node(), e.bank(), e.at(), e.token());
            }
            return 0;
        } catch (ConfigException | SQLException | StorageException e) {
            System.err.println("eag-gateway credit blacklist: " + e.getMessage());
            return 2;
        }
    }
}
