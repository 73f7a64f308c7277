package org.ebc.agent.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebc.agent.bench.StartupBench;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.CryptoProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meter-agent bench-startup}: resident memory and time to the first published (and acknowledged)
 * record of a freshly started agent, against a Mosquitto broker it starts itself. See docs/agent.md.
 */
@Command(
        name = "bench-startup",
        mixinStandardHelpOptions = true,
        description =
                "Measure the agent's start: time from process launch to first signed record published and acknowledged, and RSS.")
public final class BenchStartupCommand implements Callable<Integer> {
    /** The JVM flags the wrapper script and the systemd unit use (a test keeps the three equal). */
    public static final List<String> RECOMMENDED_JVM_FLAGS = List.of(
            "-Xmx32m",
            "-Xms4m",
            "-Xmn2m",
            "-Xss256k",
            "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:C1MaxInlineSize=20",
            "-XX:MaxMetaspaceSize=48m",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:StringTableSize=4096",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Agent starts to measure (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--java", description = "The java launcher for the agent (default: the one running this command).")
    Path java;

    @Option(names = "--jar", description = "The agent jar (default: the jar this command runs from).")
    Path jar;

    @Option(
            names = "--jvm-flags",
            description = "JVM flags for the agent, space separated (default: the recommended flags).")
    String jvmFlags;

    @Option(
            names = "--cds",
            negatable = true,
            defaultValue = "false",
            description =
                    "Add a dynamic CDS archive in the work directory (-XX:SharedArchiveFile with -XX:+AutoCreateSharedArchive); run 1 creates it (default ${DEFAULT-VALUE}).")
    boolean cds;

    @Option(
            names = "--work-dir",
            description = "Where keys, data and logs of the runs go (default: a new temporary directory).")
    Path workDir;

    @Option(
            names = "--mosquitto",
            defaultValue = "/usr/sbin/mosquitto",
            description = "Mosquitto executable to start (default ${DEFAULT-VALUE}).")
    String mosquitto;

    @Option(names = "--broker-url", description = "Use this running broker instead of starting Mosquitto.")
    String brokerUrl;

    @Option(
            names = "--tls",
            description = "The agent connects over TLS with its node certificate, as at a site (the started Mosquitto "
                    + "gets a TLS listener with a broker certificate from the bench's authority).")
    boolean tls;

    @Option(
            names = "--settle",
            defaultValue = "5",
            description = "Seconds to keep each agent running before reading its RSS again (default ${DEFAULT-VALUE}).")
    int settle;

    @Override
    public Integer call() throws Exception {
        // The agent under test runs in its own process with its own (platform) provider; this process is the
        // authority and the stand-in gateway, which verify with Bouncy Castle as the real gateway does.
        Crypto.useProvider(CryptoProvider.BOUNCY_CASTLE);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = workDir != null ? workDir : Files.createTempDirectory("ebc-agent-bench");
        List<String> flags = new ArrayList<>(
                jvmFlags == null
                        ? RECOMMENDED_JVM_FLAGS
                        : Arrays.asList(jvmFlags.trim().split("\\s+")));
        if (cds) {
            flags.add("-XX:SharedArchiveFile=" + dir.resolve("meter-agent.jsa").toAbsolutePath());
            flags.add("-XX:+AutoCreateSharedArchive");
        }
        Path javaPath = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java");
        Path jarPath = jar != null ? jar : ownJar();
        if (tls && brokerUrl != null) {
            spec.commandLine()
                    .getErr()
                    .println("meter-agent: bench-startup --tls starts its own Mosquitto; drop --broker-url");
            return 2;
        }
        if (brokerUrl == null && !Files.isExecutable(Path.of(mosquitto))) {
            spec.commandLine()
                    .getErr()
                    .println("meter-agent: bench-startup needs Mosquitto at " + mosquitto
                            + " (install: apt-get install mosquitto) or --broker-url of a running broker");
            return 2;
        }
        new StartupBench(
                        new StartupBench.Setup(javaPath, jarPath, flags, runs, dir, mosquitto, brokerUrl, settle, tls),
                        out)
                .run();
        return 0;
    }

    private static Path ownJar() throws URISyntaxException {
        return Path.of(BenchStartupCommand.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }
}
