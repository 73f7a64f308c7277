package org.ebc.agent.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
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
        description = {
            "Show registers, page counter, outbox depth, quarantine, broker state, last acknowledgement, and the"
                    + " node's trading: orders, bills, balances, co-signed sales, last allocation.",
            "",
            "Reads the agent's file read-only, so it works while the agent runs; before the agent has created its"
                    + " file it says \"not started yet\" (exit status 0)."
        })
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
        Path file = s.agent().database();
        try {
            // Another process writes this file: it may not exist yet, or hold no schema or state yet.
            Optional<StoredStatus> status = Optional.empty();
            Optional<AgentDatabase> opened = AgentDatabase.openReadOnlyIfStarted(file);
            if (opened.isPresent()) {
                try (AgentDatabase db = opened.get()) {
                    status = StoredStatus.read(db, latest);
                }
            }
            String text = status.map(st -> json ? new String(st.toJson(), StandardCharsets.UTF_8) + "\n" : st.toText())
                    .orElseGet(() -> json
                            ? new String(StoredStatus.notStartedJson(file), StandardCharsets.UTF_8) + "\n"
                            : StoredStatus.notStartedText(file));
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("meter-agent: " + e.getMessage());
            return 1;
        }
    }
}
