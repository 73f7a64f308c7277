package org.ebc.agent.cli;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ebc.agent.MeterAgent;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.store.StoreException;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyFileException;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.EnergyMeters;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meter-agent run --config FILE [--config FILE …]}: one independent agent per config file, all in
 * this JVM and sharing one Pi4J context (the gateway's bench runs N simulated meters in one process this
 * way). Every file is validated before anything starts. Stops cleanly on SIGTERM or Ctrl-C.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the agent: read the meter, sign readings, keep the outbox and deliver it to the gateway.")
public final class RunCommand implements Callable<Integer> {
    /** sysexits EX_CONFIG: the systemd unit does not restart on it (a restart would fail the same way). */
    static final int EXIT_CONFIG = 78;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Agent config file (Java properties). Repeat to run several agents in this process.")
    List<Path> configs;

    @Override
    public Integer call() throws InterruptedException {
        return runAgents(configs);
    }

    /**
     * The arguments of a plain {@code run --config F [--config F …]} (no other option), or empty. Lets
     * {@link MeterAgentCli#main} start the agent without building picocli's command model: the agent runs for
     * months on a small device, and picocli's classes alone cost ~11 MB of resident memory (docs/agent.md).
     * Anything else (help, a typo, another option) goes through picocli as usual.
     */
    static Optional<List<Path>> plainRunArguments(String[] args) {
        if (args.length < 3 || args.length % 2 == 0 || !args[0].equals("run")) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].equals("--config") || args[i + 1].startsWith("-")) {
                return Optional.empty();
            }
            try {
                files.add(Path.of(args[i + 1]));
            } catch (java.nio.file.InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.of(files);
    }

    /** Runs one agent per config file until SIGTERM; the process exit code. */
    static int runAgents(List<Path> configs) throws InterruptedException {
        StartupWarmup.begin();
        List<AgentSettings> all = new ArrayList<>();
        Context pi4j;
        try {
            for (Path file : configs) {
                all.add(AgentSettings.load(file));
            }
            requireDistinct(all);
            pi4j = Pi4jContexts.fromSettings(all.get(0).settings());
        } catch (ConfigException e) {
            System.err.println("meter-agent: " + e.getMessage());
            return EXIT_CONFIG;
        }
        List<MeterAgent> agents = new ArrayList<>();
        try {
            for (AgentSettings s : all) {
                EnergyMeter meter = EnergyMeters.open(s.settings(), pi4j);
                try {
                    agents.add(MeterAgent.open(
                            s.agent(), meter, s.meterModel(), Clock.systemUTC(), new SplittableRandom(), true));
                } catch (RuntimeException e) {
                    meter.close();
                    throw e;
                }
            }
        } catch (ConfigException | KeyFileException | StoreException e) {
            System.err.println("meter-agent: " + e.getMessage());
            agents.forEach(MeterAgent::close);
            pi4j.shutdown();
            return EXIT_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            Logger.info("stopping {} agent(s)", agents.size());
                            agents.forEach(MeterAgent::close);
                            pi4j.shutdown();
                            stopped.countDown();
                        },
                        "meter-agent-shutdown"));
        agents.forEach(MeterAgent::start);
        stopped.await();
        return 0;
    }

    private static void requireDistinct(List<AgentSettings> all) {
        Set<String> nodes = new HashSet<>();
        Set<Path> dirs = new HashSet<>();
        String platform = all.get(0).settings().string(Pi4jContexts.PLATFORM, "");
        for (AgentSettings s : all) {
            if (!nodes.add(s.agent().node().value())) {
                throw new ConfigException(
                        "node.id", s.agent().node().value(), "appears in more than one --config file of this process");
            }
            if (!dirs.add(s.agent().dataDir())) {
                throw new ConfigException(
                        "data.dir", s.agent().dataDir().toString(), "is shared by two agents; each needs its own");
            }
            String p = s.settings().string(Pi4jContexts.PLATFORM, "");
            if (!p.equals(platform)) {
                throw new ConfigException(
                        Pi4jContexts.PLATFORM,
                        p,
                        "all agents of one process share one Pi4J context; the first file says '" + platform + "'");
            }
        }
    }
}
