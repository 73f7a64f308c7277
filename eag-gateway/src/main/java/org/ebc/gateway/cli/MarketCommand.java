package org.ebc.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eag-gateway market …}: the transaction server's market. */
@Command(
        name = "market",
        mixinStandardHelpOptions = true,
        description = "The market: re-clear an exported order book offline (market clear).",
        subcommands = MarketClearCommand.class)
public final class MarketCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
