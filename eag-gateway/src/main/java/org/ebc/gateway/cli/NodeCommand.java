package org.ebc.gateway.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.units.NodeId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eag-gateway node …}: an operator's decisions about one node. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = "An operator's decisions about a node (clear-flag).",
        subcommands = NodeCommand.ClearFlag.class)
public final class NodeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(
            name = "clear-flag",
            mixinStandardHelpOptions = true,
            description = "Clear a node's flags (a double-signed page, say) after the meter was examined or replaced: "
                    + "its orders are taken again. The flag's row and the evidence stay in the database, with who "
                    + "cleared it and when. Works while the gateway runs.")
    static final class ClearFlag implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        DatabaseLocation location;

        @Parameters(paramLabel = "NODE", description = "the node id")
        String node;

        @Option(
                names = "--by",
                required = true,
                paramLabel = "NAME",
                description = "who clears it (kept with the flag)")
        String by;

        @Override
        public Integer call() {
            if (!NodeId.isValid(node)) {
                System.err.println("eag-gateway node clear-flag: '" + node + "' is not a node id");
                return 2;
            }
            if (by.isBlank() || by.length() > 100) {
                System.err.println("eag-gateway node clear-flag: --by must name someone in 1-100 characters");
                return 2;
            }
            try (Connection c = GatewayDatabase.openWriter(location.databaseFile());
                    PreparedStatement p = c.prepareStatement(
                            "UPDATE node_flags SET cleared_ms = ?, cleared_by = ? WHERE node_id = ? AND cleared_ms IS NULL")) {
                p.setLong(1, Instant.now().toEpochMilli());
                p.setString(2, by);
                p.setString(3, node);
                int n = p.executeUpdate();
                System.out.println(
                        n == 0 ? "node " + node + " has no open flag" : "cleared " + n + " flag(s) of node " + node);
                return 0;
            } catch (ConfigException | SQLException e) {
                System.err.println("eag-gateway node clear-flag: " + e.getMessage());
                return 2;
            }
        }
    }
}
