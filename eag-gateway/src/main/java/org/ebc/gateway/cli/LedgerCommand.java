package org.ebc.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eag-gateway ledger …}: the committed chain in the gateway's database. */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description =
                "The ledger: re-check every stored block, certificate, signature and balance from the genesis (verify).",
        subcommands = {LedgerVerifyCommand.class, LedgerProveCommand.class, LedgerCheckProofCommand.class})
public final class LedgerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
