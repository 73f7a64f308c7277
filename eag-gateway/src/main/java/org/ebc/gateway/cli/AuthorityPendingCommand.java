package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.util.List;
import org.ebc.gateway.authority.EnrollmentRequests;
import picocli.CommandLine.Command;

/** {@code authority pending}: the meters waiting for approval. */
@Command(
        name = "pending",
        mixinStandardHelpOptions = true,
        description = {
            "List the enrollment requests meters have sent to `authority serve`: node id, meter serial, key id (compare it "
                    + "with the one the meter logs), whether the wallet request arrived, and when and from where."
        })
final class AuthorityPendingCommand extends AuthorityAction {

    @Override
    int execute(PrintWriter out) {
        org.ebc.crypto.KeyDirectory.requireOwnerOnly(dir);
        List<EnrollmentRequests.Pending> pending = new EnrollmentRequests(dir).pending();
        if (pending.isEmpty()) {
            out.println("No enrollment requests are waiting.");
            return 0;
        }
        out.printf("%-24s %-20s %-34s %-8s %s%n", "NODE", "METER", "KEY ID", "WALLETS", "RECEIVED FROM");
        for (EnrollmentRequests.Pending p : pending) {
            out.printf(
                    "%-24s %-20s %-34s %-8s %s%n",
                    p.node(), p.meterSerial(), p.keyId().hex(), p.complete() ? "yes" : "not yet", p.from());
        }
        return 0;
    }
}
