package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.ebc.gateway.authority.AuthorityRefusal;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.EnrollmentApproval;
import org.ebc.gateway.authority.EnrollmentRequests;
import org.ebc.units.NodeId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority approve}: issues certificates for queued enrollment requests. */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = {
            "Approve queued enrollment requests (see `pending`): issue the node certificate with the owner's true identity "
                    + "and bind the node's wallets, as enroll-node and bind-wallets do; the meter then fetches its certificate.",
            "",
            "Either one node (--node, --identity, optionally --meter-serial from the nameplate, which must equal the "
                    + "request's), or every waiting node listed in a roster file (--roster; lines 'node-id,meter-serial,true "
                    + "identity'; requests of nodes not listed stay waiting)."
        })
final class AuthorityApproveCommand extends AuthorityAction {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @ArgGroup(exclusive = false)
        One one;

        @Option(names = "--roster", required = true, paramLabel = "FILE", description = "Approve every listed node.")
        Path roster;
    }

    static final class One {
        @Option(names = "--node", required = true, paramLabel = "ID", description = "The node to approve.")
        String node;

        @Option(
                names = "--identity",
                required = true,
                paramLabel = "TRUE IDENTITY",
                description = "The owner's true identity as the operator verified it.")
        String identity;

        @Option(names = "--meter-serial", paramLabel = "SERIAL", description = "The serial on the meter's nameplate.")
        String meterSerial;
    }

    @Option(
            names = "--home",
            paramLabel = "EAG",
            description =
                    "The EAG where the approved nodes are at home, the only one that admits their spends (default: "
                            + "this authority's only EAG; required when it has several).")
    String home;

    @Override
    int execute(PrintWriter out) {
        if (home != null && !org.ebc.units.EagId.isValid(home)) {
            throw usage("--home '" + home + "' is not an EAG id");
        }
        org.ebc.units.EagId at = home == null ? null : org.ebc.units.EagId.of(home);
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        if (which.roster != null) {
            Map<NodeId, EnrollmentApproval.Vouched> roster = EnrollmentApproval.roster(which.roster);
            int approved = 0;
            int refused = 0;
            for (EnrollmentRequests.Pending p : new EnrollmentRequests(dir).pending()) {
                EnrollmentApproval.Vouched v = roster.get(p.node());
                if (v == null || !p.complete()) {
                    continue;
                }
                try {
                    report(out, EnrollmentApproval.approve(ca, v, at));
                    approved++;
                } catch (AuthorityRefusal e) {
                    spec.commandLine()
                            .getErr()
                            .println(spec.qualifiedName() + ": " + p.node() + " refused: " + e.getMessage());
                    refused++;
                }
            }
            out.println(approved + " approved, " + refused + " refused; "
                    + new EnrollmentRequests(dir).pending().size() + " request(s) still waiting");
            return refused == 0 ? 0 : REFUSED;
        }
        One one = which.one;
        if (!NodeId.isValid(one.node)) {
            throw usage("--node '" + one.node + "' is not a node id");
        }
        report(
                out,
                EnrollmentApproval.approve(
                        ca, new EnrollmentApproval.Vouched(NodeId.of(one.node), one.meterSerial, one.identity), at));
        return 0;
    }

    private static void report(PrintWriter out, EnrollmentApproval.Approved a) {
        out.println("Approved node " + a.certificate().entry().id() + " (meter "
                + a.certificate().entry().meterSerial()
                + ", serial " + a.certificate().entry().serialHex() + ", "
                + a.wallets().binding().wallets().size()
                + " wallet(s)); it fetches its certificate at its next poll.");
    }
}
