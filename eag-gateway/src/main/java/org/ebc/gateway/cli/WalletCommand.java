package org.ebc.gateway.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.trading.PaymentArchive;
import org.ebc.wallet.WalletAddress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eag-gateway wallet …}: addresses in the account pool and their coins. */
@Command(
        name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Wallet addresses and their coins (balance ADDRESS).",
        subcommands = WalletCommand.Balance.class)
public final class WalletCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(
            name = "balance",
            mixinStandardHelpOptions = true,
            description = "An address's balance, what its pending transfers reserve, what it can spend, and the nonce "
                    + "its next transfer must carry. Reads the database read-only while the gateway runs.")
    static final class Balance implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        DatabaseLocation location;

        @Parameters(paramLabel = "ADDRESS", description = "a wallet address (Base58Check), or the grid account's")
        String address;

        @Override
        public Integer call() {
            WalletAddress.Parsed parsed = WalletAddress.parse(address);
            if (!parsed.isOk()) {
                System.err.println("eag-gateway wallet balance: '" + address + "' is not a wallet address ("
                        + parsed.problem()
                                .name()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', ' ') + ")");
                return 2;
            }
            try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
                Optional<PaymentArchive.AccountLine> a = new PaymentArchive(c).account(address);
                if (a.isEmpty()) {
                    System.out.println(address + ": no coins have reached this address (balance 0)");
                    return 0;
                }
                PaymentArchive.AccountLine l = a.get();
                System.out.println("address    " + l.address()
                        + l.node().map(n -> " (node " + n + ")").orElse(" (not a node's: the grid account)"));
                System.out.println("balance    " + l.balance());
                System.out.println("reserved   " + l.reserved() + " (pending transfers)");
                System.out.println("available  " + l.available());
                System.out.println("next nonce " + l.nextNonce());
                return 0;
            } catch (ConfigException | SQLException e) {
                System.err.println("eag-gateway wallet balance: " + e.getMessage());
                return 2;
            }
        }
    }
}
