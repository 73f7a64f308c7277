package org.ebc.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eag-gateway authority}: the registration authority's commands (DESIGN §2). */
@Command(
        name = "authority",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Registration authority (the paper's trusted authority): create the CA, issue EAG and node certificates, bind wallets, revoke, list.",
            "",
            "The authority is a CA kept in one directory on the operator's machine, not a network service. It certifies "
                    + "EAGs and meter nodes from their CSRs (private keys never travel), binds each node's wallet addresses "
                    + "to it, and revokes certificates through a signed CRL.",
            "",
            "Typical sequence: init; on each gateway `eag-gateway enroll`, then issue-eag here; on each meter "
                    + "`meter-agent enroll`, then enroll-node and bind-wallets here; hand issued/<id>.crt and issued/ca.crt back.",
            "",
            "Exit status: 0 done, 1 refused (the message names the file and what is wrong), 2 usage error."
        },
        subcommands = {
            AuthorityInitCommand.class,
            AuthorityIssueEagCommand.class,
            AuthorityIssueBrokerCommand.class,
            AuthorityMosquittoCommand.class,
            AuthorityEnrollNodeCommand.class,
            AuthorityBindWalletsCommand.class,
            AuthorityHomeCommand.class,
            AuthorityRevokeCommand.class,
            AuthorityListCommand.class,
            AuthorityCrlCommand.class,
            AuthorityBundleCommand.class,
            AuthorityServeCommand.class,
            AuthorityPendingCommand.class,
            AuthorityApproveCommand.class,
            AuthorityRejectCommand.class,
            AuthorityGenesisCommand.class,
        })
public final class AuthorityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: show what there is, and say it was a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("eag-gateway authority: missing subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
