package org.ebc.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eag-gateway credit …}: the credit bank. */
@Command(
        name = "credit",
        mixinStandardHelpOptions = true,
        description = "The credit bank: a loan's optimal price for given borrower parameters (price), the bank's loans "
                + "(loans), one node's loans and record (show), the consortium's blacklist (blacklist).",
        subcommands = {
            CreditPriceCommand.class,
            CreditLoansCommand.class,
            CreditShowCommand.class,
            CreditBlacklistCommand.class
        })
public final class CreditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
