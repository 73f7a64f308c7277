package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.bench.AgentBacklog;
import org.ebc.gateway.bench.AgentConfigFile;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchMarket;
import org.ebc.gateway.bench.BenchMeter;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.bench.GatewayProcess;
import org.ebc.gateway.bench.MeterRoster;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.units.EagId;

/**
 * What the end-to-end tests share: a site as the bench builds it (real authority, EAG and node keys and
 * certificates), ten simulated meters run by ONE real agent process ({@code meter-agent.jar}) that signs
 * exactly {@value #PAGES} records per meter at a 50 ms interval, and the checks on what ends up where:
 * the gateway's SQLite file queried over (meter, page), and every agent's own SQLite file.
 */
final class EndToEnd {
    static final EagId EAG = EagId.of("eag-e2e");
    static final int METERS = 10;
    static final int PAGES = 1000;
    /** Enough for 10 × 1000 records at 50 ms plus a slow drain on a loaded two-core machine. */
    static final Duration DELIVERY = Duration.ofMinutes(4);

    private EndToEnd() {}

    /** The packaged agent; failsafe passes its path (see the pom), built earlier in the reactor. */
    static Path agentJar() {
        String p = System.getProperty("ebc.agentJar");
        if (p == null) {
            throw new AssertionError(
                    "system property ebc.agentJar is not set: run the ITs with Maven (failsafe sets it to"
                            + " ../meter-agent/target/meter-agent.jar) or pass -Debc.agentJar=PATH");
        }
        Path jar = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(
                    "the end-to-end tests run the packaged meter agent, but " + jar + " is missing: build it with"
                            + " `mvn -B -pl meter-agent package -DskipTests` (a reactor `mvn verify` builds it before the gateway)");
        }
        return jar;
    }

    /** The packaged gateway in its own process ({@code -Xmx512m}), its output appended to {@code log}. */
    static GatewayProcess startGateway(Path config, Path log) {
        return startGateway(config, log, List.of());
    }

    /** With extra JVM options (a test's crash point, say). */
    static GatewayProcess startGateway(Path config, Path log, List<String> jvmOptions) {
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx512m"));
        options.addAll(jvmOptions);
        return GatewayProcess.start(gatewayJar(), config, log, options);
    }

    /** The packaged gateway, built by the package phase before failsafe runs. */
    static Path gatewayJar() {
        Path jar = Path.of("target", "eag-gateway.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("this test runs the packaged gateway, but " + jar + " is missing: run it with"
                    + " `mvn -pl eag-gateway verify` (failsafe runs after package)");
        }
        return jar;
    }

    /** What a command of the packaged gateway printed (stdout and stderr together) and its exit code. */
    record Run(int exit, String out) {}

    /** Runs {@code eag-gateway ARGS} from the packaged jar, as a user does, and waits for it (at most 2 min). */
    static Run gatewayCommand(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                AgentFleet.currentJava().toString(), "-jar", gatewayJar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES))
                .as("eag-gateway %s ends", args[0])
                .isTrue();
        return new Run(p.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@link #gatewayCommand} that must exit 0; its output. */
    static String gatewayOk(String... args) throws IOException, InterruptedException {
        Run r = gatewayCommand(args);
        assertThat(r.exit()).as(r.out()).isZero();
        return r.out();
    }

    /** Runs {@code eag-gateway ARGS} in this JVM (the authority's commands, say) and expects exit 0. */
    static void inProcess(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        var cli = org.ebc.gateway.cli.GatewayCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        org.assertj.core.api.Assertions.assertThat(cli.execute(args))
                .as("eag-gateway %s: %s", String.join(" ", args), out)
                .isZero();
    }

    /** A fresh directory under target/e2e (kept after the run, with every log, for a look after a failure). */
    static Path freshDirectory(String name) {
        Path dir = Path.of("target", "e2e", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static BenchSite site(Path root) {
        return BenchSite.prepare(
                root,
                EAG,
                MeterRoster.plan(METERS, "node-"),
                Clock.systemUTC(),
                s -> System.out.println("e2e setup: " + s));
    }

    /** The agents' simulated meters run this many times faster than real time. */
    static final long ACCELERATION = 60;

    /**
     * The gateway's keys for the accelerated meters: {@code broker} and the rated power scaled as in the bench
     * ({@link BenchMarket#ratedPower}). Without it a 5 kW peak at {@value #ACCELERATION}× shows as 300 kW and the
     * gateway rightly refuses it as IMPLAUSIBLE_POWER.
     */
    static Map<String, String> gateway(Map<String, String> broker) {
        Map<String, String> m = new LinkedHashMap<>(broker);
        m.putAll(BenchMarket.ratedPower(ACCELERATION));
        return m;
    }

    /** Gateway settings for Mosquitto (or any external broker), with a quick reconnect. */
    static Map<String, String> externalBroker(String url) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BrokerSettings.MODE, "external");
        m.put(BrokerSettings.URL, url);
        m.put(GatewayConfig.RECONNECT_MIN, "100ms");
        m.put(GatewayConfig.RECONNECT_MAX, "1s");
        return m;
    }

    /**
     * Starts ONE agent process for all meters: {@value #PAGES} pages each at 50 ms, and a short
     * acknowledgement timeout so that records a killed gateway took but never committed are sent again soon.
     */
    static AgentFleet startAgents(BenchSite site, String brokerUrl) {
        AgentConfigFile.Tuning burst = new AgentConfigFile.Tuning(
                Duration.ofMillis(50),
                ACCELERATION,
                Map.of("reading.last-page", String.valueOf(PAGES), "outbox.ack-timeout", "2s"));
        List<List<Path>> configs = site.writeAgentConfigs(brokerUrl, burst);
        assertThat(configs).as("all ten meters in one agent process").hasSize(1);
        return AgentFleet.start(AgentFleet.currentJava(), agentJar(), configs, site.root(), List.of("-Xmx384m"));
    }

    /** Waits until every agent has signed all its pages and holds none unacknowledged or rejected. */
    static void awaitEveryRecordAcknowledged(BenchSite site, AgentFleet agents, Duration atMost) {
        String done = expectedAgentState(site);
        await("every agent signed " + PAGES + " pages and emptied its outbox")
                .atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(agents.exited()).as("agent process").isEmpty();
                    assertThat(agentState(site)).isEqualTo(done);
                });
    }

    /** Per meter: last signed page, records in the outbox, records in quarantine, from its agent.db. */
    static String agentState(BenchSite site) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (BenchMeter m : site.meters()) {
            Optional<AgentBacklog> read = AgentBacklog.read(site.agentDatabase(m));
            if (read.isEmpty()) {
                b.append(m.node()).append(": agent not started yet\n");
                continue;
            }
            AgentBacklog a = read.get();
            b.append(m.node())
                    .append(": signed ")
                    .append(a.lastSignedPage())
                    .append(", outbox ")
                    .append(a.outbox())
                    .append(", quarantine ")
                    .append(a.quarantined())
                    .append('\n');
        }
        return b.toString();
    }

    private static String expectedAgentState(BenchSite site) {
        StringBuilder b = new StringBuilder();
        for (BenchMeter m : site.meters()) {
            b.append(m.node()).append(": signed ").append(PAGES).append(", outbox 0, quarantine 0\n");
        }
        return b.toString();
    }

    /**
     * Per meter serial, from the gateway's readings table: rows, distinct pages, lowest and highest page.
     * Every page 1..N stored exactly once reads {@code N rows, N distinct, 1..N}.
     */
    static Map<String, String> pagesByMeter(Path gatewayDatabase) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = GatewayDatabase.openReader(gatewayDatabase);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT meter_serial, COUNT(*), COUNT(DISTINCT page), MIN(page), MAX(page) FROM readings"
                                + " GROUP BY meter_serial ORDER BY meter_serial")) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        rs.getLong(2) + " rows, " + rs.getLong(3) + " distinct, " + rs.getLong(4) + ".."
                                + rs.getLong(5));
            }
        }
        return out;
    }

    static Map<String, String> everyPageOnce(BenchSite site) {
        Map<String, String> m = new LinkedHashMap<>();
        for (BenchMeter meter : site.meters()) {
            m.put(meter.meterSerial(), PAGES + " rows, " + PAGES + " distinct, 1.." + PAGES);
        }
        return m;
    }

    /** Readings stored so far (the test's own read-only connection; works while the gateway writes). */
    static long storedReadings(Path gatewayDatabase) throws SQLException {
        return single(gatewayDatabase, "SELECT COUNT(*) FROM readings");
    }

    /** Gap events whose missing pages have not all arrived. */
    static long openGapEvents(Path gatewayDatabase) throws SQLException {
        return single(gatewayDatabase, "SELECT COUNT(*) FROM gap_events WHERE closed_ms IS NULL");
    }

    static List<String> integrityCheck(Path gatewayDatabase) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = GatewayDatabase.openReader(gatewayDatabase);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The first column of the first row of {@code sql} on the gateway's database (read-only), 0 if no row. */
    static long single(Path db, String sql) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** {@link #single} for a text column, "" if no row. */
    static String text(Path db, String sql) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
