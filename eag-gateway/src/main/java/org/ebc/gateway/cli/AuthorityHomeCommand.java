package org.ebc.gateway.cli;

import java.io.PrintWriter;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.RegistrationsFile;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority home}: names the EAG where a node is at home. */
@Command(
        name = "home",
        mixinStandardHelpOptions = true,
        description = {
            "Make an EAG the home of a node: the only EAG of the consortium that admits the node's spends (what keeps an "
                    + "address from being spent twice in two parts of a partitioned consortium).",
            "",
            "A node gets this authority's only EAG as its home when it is bound while the authority has one EAG; with "
                    + "several, give it here or with `bind-wallets --home` / `approve --home`. The change is signed into "
                    + "DIR/registrations.ebc, which every EAG of the consortium learns over the consortium topics. Move a "
                    + "node only after its old EAG has stopped admitting its spends (revoke it there, or let its pool drain)."
        })
final class AuthorityHomeCommand extends AuthorityAction {

    @Option(names = "--node", required = true, paramLabel = "ID", description = "The node.")
    String node;

    @Option(
            names = "--eag",
            required = true,
            paramLabel = "ID",
            description = "Its home EAG (holding a valid EAG certificate).")
    String eag;

    @Override
    int execute(PrintWriter out) {
        if (!NodeId.isValid(node)) {
            throw usage("--node '" + node + "' is not a node id");
        }
        if (!EagId.isValid(eag)) {
            throw usage("--eag '" + eag + "' is not an EAG id");
        }
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        boolean changed = ca.home(NodeId.of(node), EagId.of(eag));
        out.println((changed ? "Node " + node + " is now at home at " : "Node " + node + " was already at home at ")
                + eag + "; " + dir.resolve(RegistrationsFile.NAME) + " says so to every EAG.");
        return 0;
    }
}
