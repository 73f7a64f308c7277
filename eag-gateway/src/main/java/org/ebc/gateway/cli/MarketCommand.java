package org.ebc.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eag-gateway market …}: the transaction server's market. */
@Command(
        name = "market",
        mixinStandardHelpOptions = true,
        description = "The market: its state (show), a slot's stored order book (export), and an offline re-run of "
                + "a slot's clearing from an exported book (clear).",
        subcommands = {MarketShowCommand.class, MarketExportCommand.class, MarketClearCommand.class})
public final class MarketCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
