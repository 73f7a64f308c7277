package org.ebc.gateway.cli;

import java.io.PrintWriter;
import org.ebc.gateway.authority.EnrollmentRequests;
import org.ebc.units.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority reject}: drops a queued enrollment request. */
@Command(
        name = "reject",
        mixinStandardHelpOptions = true,
        description =
                "Drop a node's queued enrollment request (a stranger's, or one made with a key the meter no longer has).")
final class AuthorityRejectCommand extends AuthorityAction {

    @Option(names = "--node", required = true, paramLabel = "ID", description = "The node whose request to drop.")
    String node;

    @Override
    int execute(PrintWriter out) {
        org.ebc.crypto.KeyDirectory.requireOwnerOnly(dir);
        if (!NodeId.isValid(node)) {
            throw usage("--node '" + node + "' is not a node id");
        }
        boolean removed = new EnrollmentRequests(dir).remove(NodeId.of(node));
        out.println(removed ? "Dropped the request of node " + node : "No request of node " + node + " was waiting");
        return removed ? 0 : REFUSED;
    }
}
