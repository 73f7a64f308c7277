package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ebc.agent.cli.MeterAgentCli;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.AgentProcess;
import org.ebc.agent.testing.TestGateway;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code meter-agent run} as a real process: several config files, one JVM; status while running; SIGTERM. */
class RunCommandIT {
    private static final EagId EAG = EagId.of("eag-run");
    private static final NodeId A = NodeId.of("node-a");
    private static final NodeId B = NodeId.of("node-b");

    @TempDir
    Path dir;

    @Test
    void twoConfigFilesRunTwoIndependentAgentsInOneProcessThatStopCleanlyOnSigterm() throws Exception {
        TestAuthority authority = TestAuthority.create();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            Map<String, String> fast = Map.of("reading.interval", "200ms", "status.interval", "500ms");
            AgentFiles.Written a = AgentFiles.write(
                    dir.resolve("a"),
                    authority,
                    A.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-A", 1, 100, 17, 27),
                    fast);
            AgentFiles.Written b = AgentFiles.write(
                    dir.resolve("b"),
                    authority,
                    B.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-B", 2, 100, 22, 23),
                    fast);
            Path log = dir.resolve("agents.log");
            try (TestGateway gateway = TestGateway.start(
                            broker.url(),
                            authority,
                            EAG,
                            Map.of(
                                    A,
                                    a.node().certificate().getPublicKey(),
                                    B,
                                    b.node().certificate().getPublicKey()));
                    AgentProcess agents = AgentProcess.start(
                            log,
                            List.of("-Xmx48m"),
                            "run",
                            "--config",
                            a.config().toString(),
                            "--config",
                            b.config().toString())) {
                await("both meters deliver")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> gateway.ledger(A).pages.size() >= 5
                                && gateway.ledger(B).pages.size() >= 5
                                && gateway.lastStatus(B) != null);

                StringWriter out = new StringWriter();
                CommandLine cli = MeterAgentCli.newCommandLine();
                cli.setOut(new PrintWriter(out));
                assertThat(cli.execute("status", "--config", a.config().toString()))
                        .isZero();
                assertThat(out.toString())
                        .contains("node-a (meter SIM-A)")
                        .contains("agent:        running, pid " + agents.pid())
                        .contains("broker:       connected");

                assertThat(agents.terminate()).isEqualTo(143);
                assertThat(gateway.problems()).isEmpty();
                assertThat(gateway.ledger(A).payloads.firstEntry().getValue().meterSerial())
                        .isEqualTo("SIM-A");
                assertThat(gateway.ledger(B).payloads.firstEntry().getValue().meterSerial())
                        .isEqualTo("SIM-B");
            }
            String text = Files.readString(log);
            assertThat(text).contains("node=node-a stopped").contains("node=node-b stopped");

            StringWriter after = new StringWriter();
            CommandLine cli = MeterAgentCli.newCommandLine();
            cli.setOut(new PrintWriter(after));
            assertThat(cli.execute("status", "--config", b.config().toString())).isZero();
            assertThat(after.toString())
                    .contains("agent:        not running")
                    .contains("broker:       stopped")
                    .contains("STOPPED");
        }
    }

    @Test
    void aConfigErrorNamesTheKeyAndExitsWithTheConfigStatus() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(
                config, "node.id = n1\neag.id = e1\nbroker.url = tcp://127.0.0.1:1883\nreading.interval = often\n");
        Path log = dir.resolve("bad.log");
        AgentProcess p = AgentProcess.start(log, List.of(), "run", "--config", config.toString());
        assertThat(p.terminateOrExitCode()).isEqualTo(78);
        assertThat(Files.readString(log)).contains("reading.interval").contains("'often'");
    }
}
