package org.ebc.agent.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.CertificateSubject;
import org.ebc.units.EagId;

/**
 * Measures how fast and how small the agent starts: launches {@code java <flags> -jar meter-agent.jar run}
 * as a child process (a fresh data directory each run, a simulated meter, a Mosquitto broker and a stand-in
 * gateway), and reports the time from process launch to the first signed record arriving at the broker's
 * subscriber and to the agent having applied the gateway's acknowledgement, and the child's resident
 * memory (VmRSS from {@code /proc}) at that moment, after a settling time, and at its peak (VmHWM).
 *
 * <p>Not thread-safe; one bench at a time.
 */
public final class StartupBench {
    /** What to run. */
    public record Setup(
            Path java,
            Path jar,
            List<String> jvmFlags,
            int runs,
            Path workDir,
            String mosquitto,
            String brokerUrl,
            int settleSeconds,
            boolean tls) {}

    /** One run's figures (ms since launch, kB). */
    public record Run(long publishedMs, long acknowledgedMs, long rssAtAckKb, long rssSettledKb, long peakKb) {}

    private final Setup setup;
    private final PrintWriter out;

    public StartupBench(Setup setup, PrintWriter out) {
        this.setup = setup;
        this.out = out;
    }

    public List<Run> run() throws Exception {
        Files.createDirectories(setup.workDir());
        Process broker = null;
        String url = setup.brokerUrl();
        String agentUrl = url;
        ThrowawayAuthority authority = new ThrowawayAuthority();
        if (url == null) {
            int port = freePort();
            Path conf = setup.workDir().resolve("mosquitto.conf");
            // Persistence off: nothing of the bench must outlive it. "user root" only matters when run as root.
            String listeners = "listener " + port + " 127.0.0.1\n";
            if (setup.tls()) {
                // The agent over TLS with its certificate, as at a site; the stand-in gateway stays on plain TCP.
                int tlsPort = freePort();
                authority.writeBroker(setup.workDir());
                Path d = setup.workDir().toAbsolutePath();
                listeners += "listener " + tlsPort + " 127.0.0.1\ncafile " + d.resolve("ca.crt") + "\ncertfile "
                        + d.resolve("broker.crt") + "\nkeyfile " + d.resolve("broker.key")
                        + "\nrequire_certificate true\nuse_identity_as_username true\ntls_version tlsv1.2\n";
                agentUrl = "ssl://localhost:" + tlsPort;
            }
            Files.writeString(
                    conf,
                    "per_listener_settings false\nallow_anonymous true\npersistence false\nuser root\n" + listeners,
                    StandardCharsets.US_ASCII);
            broker = new ProcessBuilder(setup.mosquitto(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(setup.workDir().resolve("mosquitto.log").toFile())
                    .start();
            url = "tcp://127.0.0.1:" + port;
            agentUrl = setup.tls() ? agentUrl : url;
            awaitPort(port, broker);
        }
        out.printf(
                "agent jar %s%njava %s%nflags %s%nbroker %s (agent), %s (gateway)%n",
                setup.jar(), setup.java(), String.join(" ", setup.jvmFlags()), agentUrl, url);
        out.flush();
        EagId eag = EagId.of("bench-eag");
        List<Run> runs = new ArrayList<>();
        try (BenchGateway gateway = new BenchGateway(url, eag, authority.issue(CertificateSubject.eag(eag.value())))) {
            for (int i = 1; i <= setup.runs(); i++) {
                Run r = once(i, agentUrl, eag, authority, gateway);
                runs.add(r);
                out.printf(
                        "run %d: first record published %d ms, acknowledged %d ms after launch; RSS at ack %s, after %d s %s, peak %s%n",
                        i,
                        r.publishedMs(),
                        r.acknowledgedMs(),
                        ProcessMemory.mb(r.rssAtAckKb()),
                        setup.settleSeconds(),
                        ProcessMemory.mb(r.rssSettledKb()),
                        ProcessMemory.mb(r.peakKb()));
                out.flush();
            }
        } finally {
            if (broker != null) {
                broker.destroy();
                broker.waitFor(10, TimeUnit.SECONDS);
            }
        }
        out.printf(
                "median of %d: first record published %d ms, acknowledged %d ms; RSS at ack %s, settled %s, peak %s%n",
                runs.size(),
                median(runs, Run::publishedMs),
                median(runs, Run::acknowledgedMs),
                ProcessMemory.mb(median(runs, Run::rssAtAckKb)),
                ProcessMemory.mb(median(runs, Run::rssSettledKb)),
                ProcessMemory.mb(median(runs, Run::peakKb)));
        out.flush();
        return runs;
    }

    private Run once(int i, String url, EagId eag, ThrowawayAuthority authority, BenchGateway gateway)
            throws Exception {
        Path dir = setup.workDir().resolve("run-" + i);
        String node = "bench-node-" + i;
        String serial = "BENCH-" + i;
        ThrowawayAuthority.Issued cert = authority.writeNodeKeys(dir.resolve("keys"), node, serial);
        Path config = dir.resolve("agent.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "node.id = " + node,
                        "eag.id = " + eag,
                        "broker.url = " + url,
                        "key.dir = " + dir.resolve("keys").toAbsolutePath(),
                        "data.dir = " + dir.resolve("data").toAbsolutePath(),
                        "clock.status = U",
                        "platform = mock",
                        "meter.type = simulated",
                        "meter.serial = " + serial,
                        "meter.s0.import.pin = 17",
                        "meter.s0.export.pin = 27",
                        "meter.s0.impulses-per-kwh = 1000",
                        "sim.profile = prosumer",
                        ""),
                StandardCharsets.UTF_8);
        CompletableFuture<Long> first = gateway.expect(cert);
        List<String> cmd = new ArrayList<>();
        cmd.add(setup.java().toString());
        cmd.addAll(setup.jvmFlags());
        cmd.addAll(List.of("-jar", setup.jar().toString(), "run", "--config", config.toString()));
        Path db = dir.resolve("data").resolve("agent.db");
        long launched = System.nanoTime();
        Process agent = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile())
                .start();
        try {
            long publishedAt = first.get(60, TimeUnit.SECONDS);
            long ackedAt = awaitAck(db, agent);
            ProcessMemory atAck = ProcessMemory.of(agent.pid());
            Thread.sleep(
                    setup.settleSeconds() * 1000L); // a settling time is what is measured here, not an event to await
            ProcessMemory settled = ProcessMemory.of(agent.pid());
            return new Run(
                    ms(publishedAt - launched),
                    ms(ackedAt - launched),
                    atAck.rssKb(),
                    settled.rssKb(),
                    settled.peakRssKb());
        } finally {
            agent.destroy();
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }

    /** Polls the agent's file (read-only) until the first acknowledgement is recorded there; its nanoTime. */
    private static long awaitAck(Path db, Process agent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(db)) {
            check(agent, deadline);
            Thread.sleep(2); // polling another process's file: there is nothing to await
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro")) {
            while (true) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT last_ack_ms FROM link WHERE id = 1")) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return System.nanoTime();
                    }
                } catch (SQLException notYet) {
                    // schema not created yet
                }
                check(agent, deadline);
                Thread.sleep(2);
            }
        }
    }

    private static void check(Process agent, long deadline) {
        if (!agent.isAlive()) {
            throw new IllegalStateException(
                    "agent exited with " + agent.exitValue() + " before its first acknowledgement (see its agent.log)");
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no acknowledgement recorded within 60 s");
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        List<Long> v = new ArrayList<>();
        runs.forEach(r -> v.add(f.applyAsLong(r)));
        Collections.sort(v);
        return v.isEmpty() ? -1 : v.get(v.size() / 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process broker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + broker.exitValue());
            }
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20); // polling a TCP port: there is nothing to await
            }
        }
        throw new IllegalStateException("mosquitto did not open port " + port + " within 10 s");
    }
}
