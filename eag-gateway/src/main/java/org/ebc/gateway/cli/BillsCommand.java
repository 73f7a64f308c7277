package org.ebc.gateway.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.market.CoinPrice;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.trading.PaymentArchive;
import org.ebc.units.NodeId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway bills}: the bills of the settled slots and where each payment stands. */
@Command(
        name = "bills",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "List bills (newest slot first): kind, payer and payee addresses, energy, price, amount, and whether "
                        + "each is paid, open (unpaid: the payer's balance did not cover it yet) or pending (waiting for the "
                        + "payee's co-signature). Reads the database read-only while the gateway runs.")
public final class BillsCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Option(names = "--node", paramLabel = "ID", description = "only the bills this node pays or is paid")
    String node;

    @Option(names = "--status", paramLabel = "open|pending|paid", description = "only bills with this status")
    String status;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "at most this many bills (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (node != null && !NodeId.isValid(node)) {
            System.err.println("eag-gateway bills: --node '" + node + "' is not a node id");
            return 2;
        }
        if (status != null && !List.of("open", "pending", "paid").contains(status)) {
            System.err.println("eag-gateway bills: --status must be open, pending or paid, not '" + status + "'");
            return 2;
        }
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            List<PaymentArchive.BillLine> bills = new PaymentArchive(c)
                    .bills(Optional.ofNullable(node).map(NodeId::of), Optional.ofNullable(status), Math.max(1, limit));
            print(System.out, bills);
            return 0;
        } catch (ConfigException | SQLException e) {
            System.err.println("eag-gateway bills: " + e.getMessage());
            return 2;
        }
    }

    static void print(PrintStream out, List<PaymentArchive.BillLine> bills) {
        if (bills.isEmpty()) {
            out.println("no bills");
            return;
        }
        out.printf(
                "%-18s %-20s %-11s %-34s %-34s %9s %11s %18s  %s%n",
                "BILL", "SLOT", "KIND", "PAYER", "PAYEE", "WH", "EC/KWH", "AMOUNT", "STATUS");
        for (PaymentArchive.BillLine b : bills) {
            out.printf(
                    "%-18s %-20s %-11s %-34s %-34s %9d %11s %18s  %s%n",
                    b.id(),
                    b.slot(),
                    b.kind(),
                    b.payer(),
                    b.payee(),
                    b.energy().wh(),
                    CoinPrice.format(b.price()),
                    b.amount(),
                    b.status() + b.paidAt().map(t -> " " + t).orElse(""));
        }
    }
}
