package org.ebc.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eag-gateway consortium …}: the consortium of EAGs. */
@Command(
        name = "consortium",
        mixinStandardHelpOptions = true,
        description =
                "The consortium of EAGs: run this EAG's seat alone (node), measure consensus among N EAGs in one process (bench).",
        subcommands = {ConsortiumBenchCommand.class, ConsortiumNodeCommand.class})
public final class ConsortiumCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
