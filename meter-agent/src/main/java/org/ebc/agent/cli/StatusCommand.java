package org.ebc.agent.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.status.StoredStatus;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.StoreException;
import org.ebc.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meter-agent status --config FILE}: read-only view of the agent's SQLite file; works while the agent runs. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show registers, page counter, outbox depth, quarantine, broker state and last acknowledgement.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's config file.")
    Path config;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(
            names = "--latest",
            defaultValue = "10",
            paramLabel = "N",
            description = "How many events and quarantined records to list (default ${DEFAULT-VALUE}).")
    int latest;

    @Override
    public Integer call() {
        AgentSettings s;
        try {
            s = AgentSettings.load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("meter-agent: " + e.getMessage());
            return RunCommand.EXIT_CONFIG;
        }
        try (AgentDatabase db = AgentDatabase.openReadOnly(s.agent().database())) {
            StoredStatus status = StoredStatus.read(db, latest);
            spec.commandLine()
                    .getOut()
                    .print(json ? new String(status.toJson(), StandardCharsets.UTF_8) + "\n" : status.toText());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("meter-agent: " + e.getMessage());
            return 1;
        }
    }
}
