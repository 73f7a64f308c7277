package org.ebc.agent.cli;

import org.ebc.crypto.Crypto;
import org.ebc.crypto.CryptoProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code meter-agent} command line. Each subcommand lives in its own class; this class only wires
 * them together.
 */
@Command(
        name = "meter-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "ebc meter agent: reads the meter, keeps tamper-evident energy registers, signs "
                + "OCMF readings and delivers them to the EAG gateway over MQTT.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EnrollCommand.class,
            ConfigureCommand.class,
            RunCommand.class,
            StatusCommand.class,
            BenchStartupCommand.class,
        })
public final class MeterAgentCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws InterruptedException {
        // The JDK's SunEC rather than Bouncy Castle's provider: the agent signs one record per interval and
        // verifies a few acknowledgements and certificates, so BC's faster verification buys nothing here,
        // while registering BC's provider costs ~5 MB of resident memory and ~0.25 s of start-up on a meter
        // (docs/agent.md). The signatures, keys and certificates are the same standard DER either way.
        Crypto.useProvider(CryptoProvider.PLATFORM);
        var plainRun = RunCommand.plainRunArguments(args);
        if (plainRun.isPresent()) {
            System.exit(RunCommand.runAgents(plainRun.get()));
        }
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        return new CommandLine(new MeterAgentCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
