package org.ebc.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ebc.agent.config.ConfigEdit;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meter-agent configure}: sets keys in the agent's configuration file, checked before it is written. */
@Command(
        name = "configure",
        mixinStandardHelpOptions = true,
        description = {
            "Set keys in the agent's configuration file, e.g.:",
            "  meter-agent configure --config /etc/ebc/meter-agent.properties node.id=node-0001 meter.serial=SDM-1234",
            "",
            "Each key's line (or its commented-out default) is replaced in place; keys the file does not mention are "
                    + "appended. Keys from --from (a settings file such as a bundle's meter-agent.properties) come first, "
                    + "then the KEY=VALUE arguments. The result must be a valid agent configuration (unknown keys and bad "
                    + "values are refused, naming them) before the file is replaced; its owner and mode are kept.",
            "",
            "Exit status: 0 written, 1 refused, 2 usage error."
        })
public final class ConfigureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's configuration file.")
    Path config;

    @Option(names = "--from", paramLabel = "FILE", description = "Settings to apply first (key = value lines).")
    Path from;

    @Parameters(paramLabel = "KEY=VALUE", description = "Settings to apply.")
    List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, String> values = new LinkedHashMap<>();
            if (from != null) {
                values.putAll(ConfigEdit.parse(Files.readAllLines(from, StandardCharsets.UTF_8), from.toString()));
            }
            values.putAll(ConfigEdit.parse(assignments, "the arguments"));
            ConfigEdit.apply(config, values);
            out.println("Set " + values.keySet() + " in " + config);
            return 0;
        } catch (ConfigException | KeyFileException e) {
            err.println("meter-agent configure: refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("meter-agent configure: refused: cannot read " + from + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
