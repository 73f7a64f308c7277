package org.ebc.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eag-gateway} command line. Each subcommand lives in its own class, next to the part of the
 * data flow it drives; this class only wires them together.
 */
@Command(
        name = "eag-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "ebc energy-aggregator (EAG) gateway: MQTT ingress, verification, account pool, "
                + "SQLite storage, and the registration authority.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AuthorityCommand.class,
            EnrollCommand.class,
            EnrollBrokerCommand.class,
            RunCommand.class,
            StatusCommand.class,
            ReadingsCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            BenchCommand.class,
            BenchIngestCommand.class,
            MarketCommand.class,
            BillsCommand.class,
            LedgerCommand.class,
            ConsortiumCommand.class,
            CreditCommand.class,
            BenchCreditPaymentsCommand.class,
            WalletCommand.class,
            NodeCommand.class,
            BenchMarketCommand.class,
            BenchCreditPricingCommand.class,
            PaperFiguresCommand.class,
            BenchPaymentsCommand.class,
            BenchBlockValidateCommand.class,
        })
public final class GatewayCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        return new CommandLine(new GatewayCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
