package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench commands' options, checked before anything starts. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchHelpListsEveryOptionWithItsDefault() {
        CliRun r = CliRun.of("bench", "--help");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "--meters=N",
                        "default 20",
                        "--acceleration=X",
                        "default 60",
                        "--interval=D",
                        "default 1s",
                        "--port=P",
                        "a free port",
                        "--data=DIR",
                        "bench-data",
                        "--duration=D",
                        "Ctrl-C",
                        "--agent-jar=PATH",
                        "meter-agent/target/meter-agent.jar",
                        "the bench stands in for the N devices");
    }

    @Test
    void aBenchWithoutMetersIsRefusedNamingTheOption() throws IOException {
        CliRun r = CliRun.of(
                "bench",
                "--meters",
                "0",
                "--agent-jar",
                agentJar().toString(),
                "--data",
                dir.resolve("b").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--meters must be 1 to 300, not 0");
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void aMissingAgentJarIsRefusedWithHowToBuildIt() {
        CliRun r = CliRun.of(
                "bench",
                "--agent-jar",
                dir.resolve("nowhere.jar").toString(),
                "--data",
                dir.resolve("b").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--agent-jar", "nowhere.jar does not exist", "./ebc build");
    }

    @Test
    void aBenchNeverWritesIntoADirectoryThatHoldsSomething() throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "earlier run");

        CliRun r = CliRun.of("bench", "--agent-jar", agentJar().toString(), "--data", dir.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--data", "already exists and is not empty");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("keep.txt"));
        }
    }

    @Test
    void anIntervalBelowTheAgentsMinimumIsRefused() throws IOException {
        CliRun r = CliRun.of(
                "bench",
                "--interval",
                "10ms",
                "--agent-jar",
                agentJar().toString(),
                "--data",
                dir.resolve("b").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--interval must be 50ms to 1h");
    }

    @Test
    void aDurationThatIsNotOneIsRefusedByTheParser() {
        CliRun r = CliRun.of("bench", "--duration", "soon");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("'soon' is not a duration");
    }

    @Test
    void benchIngestHelpSaysWhatItMeasures() {
        CliRun r = CliRun.of("bench-ingest", "--help");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "--generators=K",
                        "default 4",
                        "--records=N",
                        "default 25000",
                        "--warmup=M",
                        "--broker=embedded|tcp",
                        "raw Bouncy Castle P-256",
                        "their ratio");
    }

    @Test
    void benchIngestRefusesABrokerThatIsNotTcp() {
        CliRun r = CliRun.of("bench-ingest", "--broker", "ssl://localhost:8883");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--broker must be 'embedded' or tcp://HOST:PORT");
    }

    /** Any existing file will do: these runs are refused before the jar is used. */
    private Path agentJar() throws IOException {
        Path jar = dir.resolveSibling(dir.getFileName() + "-agent.jar");
        Files.writeString(jar, "not started by these tests");
        return jar;
    }
}
