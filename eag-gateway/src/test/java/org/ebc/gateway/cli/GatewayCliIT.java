package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.GatewayFixture;
import org.ebc.gateway.MosquittoPub;
import org.ebc.gateway.TestMeter;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.ReadingExport;
import org.ebc.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands from the packaged jar: {@code run} with its embedded broker, {@code status}
 * and {@code readings export} against the database while it runs, and a clean stop on SIGTERM.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayCliIT {
    private static final Path JAR = Path.of("target", "eag-gateway.jar");

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private Process start(Path log, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR.toAbsolutePath()
                    + " is missing: this test needs the packaged gateway (run mvn -pl eag-gateway verify)");
        }
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(p);
        return p;
    }

    /** Runs a command to its end. @return its exit code and combined output */
    private Result run(String... args) throws Exception {
        Path log = Files.createTempFile(root, "cmd", ".log");
        Process p = start(log, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("eag-gateway %s finished", String.join(" ", args))
                .isTrue();
        return new Result(p.exitValue(), Files.readString(log));
    }

    private record Result(int exitCode, String output) {}

    private Path config(GatewayFixture fixture, int port, String extra) throws IOException {
        Path file = root.resolve("gateway.properties");
        Files.writeString(
                file,
                "eag.id = " + fixture.eag + "\n"
                        + "data.dir = " + fixture.dataDir + "\n"
                        + "keys.dir = " + fixture.keysDir + "\n"
                        + "broker.mode = embedded\n"
                        + "broker.port = " + port + "\n"
                        + extra);
        return file;
    }

    @Test
    void runStoresReadingsThatStatusAndExportShowWhileItRunsAndStopsCleanlyOnSigterm() throws Exception {
        GatewayFixture fixture = GatewayFixture.create(root, "eag-cli");
        int port = MosquittoBroker.freePort();
        Path config = config(fixture, port, "");
        Path log = root.resolve("gateway.log");
        Process gateway = start(log, "run", "--config", config.toString());
        await().atMost(Duration.ofSeconds(150))
                .until(() -> Files.readString(log).contains("subscribed to"));

        TestMeter meter = new TestMeter(fixture.authority, "house-7", "SDM-0007");
        MosquittoPub pub = new MosquittoPub(port, root);
        pub.publish(meter.certificateTopic(fixture.eag), meter.certificatePem(), true);
        List<byte[]> sent = new ArrayList<>();
        Instant t = Instant.now();
        for (long page : new long[] {1, 2, 4}) {
            byte[] r = meter.reading(page, 1_000 + page, page, t.minusSeconds(10 - page));
            sent.add(r);
            pub.publish(meter.readingTopic(fixture.eag), r);
        }
        Path db = GatewayDatabase.file(fixture.dataDir);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(db) && count(db) == 3);

        Result status = run("status", "--data", fixture.dataDir.toString());
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("readings     3 stored")
                .contains("house-7")
                .contains("SDM-0007")
                .contains("T4")
                .contains("meter SDM-0007 (node house-7): pages T3..T3, 1 still missing")
                .contains(
                        "ledger       no block stored (ledger.genesis not set, or none committed yet); 0 pool entries");
        assertThat(run("status", "--config", config.toString()).output()).contains("readings     3 stored");

        Path ocmf = root.resolve("readings.ocmf");
        Result export = run(
                "readings",
                "export",
                "--format",
                "ocmf",
                "--out",
                ocmf.toString(),
                "--data",
                fixture.dataDir.toString());
        assertThat(export.exitCode()).as(export.output()).isZero();
        List<String> lines = Files.readAllLines(ocmf, StandardCharsets.UTF_8);
        assertThat(lines)
                .containsExactly(sent.stream()
                        .map(b -> new String(b, StandardCharsets.UTF_8))
                        .toArray(String[]::new));

        Result csv = run("readings", "export", "--format", "csv", "--node", "house-7", "--config", config.toString());
        assertThat(csv.exitCode()).as(csv.output()).isZero();
        assertThat(csv.output()).contains(ReadingExport.CSV_HEADER + "\n").contains("house-7,SDM-0007,4,1004,4,");
        assertThat(run(
                                "readings",
                                "export",
                                "--format",
                                "csv",
                                "--node",
                                "nobody",
                                "--data",
                                fixture.dataDir.toString())
                        .output())
                .doesNotContain("house-7");

        gateway.destroy();
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS))
                .as("gateway stopped after SIGTERM")
                .isTrue();
        assertThat(gateway.exitValue()).isEqualTo(143);
        assertThat(Files.readString(log)).contains("gateway eag-cli stopped: 3 reading(s) stored");
        assertThat(run("status", "--data", fixture.dataDir.toString()).output()).contains("readings     3 stored");
    }

    @Test
    void aBadConfigurationStopsRunWithTheKeyNamedAndExitCodeTwo() throws Exception {
        GatewayFixture fixture = GatewayFixture.create(root, "eag-cli");
        Path config = config(fixture, MosquittoBroker.freePort(), "storage.commit.windw = 5ms\n");

        Result r = run("run", "--config", config.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("storage.commit.windw").contains("unknown key");
    }

    @Test
    void statusWithoutADatabaseSaysSoWithExitCodeTwo() throws Exception {
        Result r = run("status", "--data", root.resolve("empty").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("no gateway database at");
    }

    private static long count(Path db) {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM readings")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
