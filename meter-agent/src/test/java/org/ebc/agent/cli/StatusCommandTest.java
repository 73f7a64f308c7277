package org.ebc.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.MeterStateStore;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code meter-agent status} before, and after, the agent has created its file. */
class StatusCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private Run status(String... extra) throws Exception {
        Path config = tmp.resolve("agent.properties");
        Files.writeString(
                config,
                "node.id = n1\neag.id = e1\nbroker.url = tcp://127.0.0.1:1883\ndata.dir = " + tmp.resolve("data")
                        + "\nkey.dir = " + tmp.resolve("keys") + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MeterAgentCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[2 + extra.length];
        args[0] = "status";
        args[1] = "--config=" + config;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void beforeTheAgentHasRunStatusSaysNotStartedYet() throws Exception {
        Run r = status();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("not started yet");
        Run json = status("--json");
        assertThat(json.out()).contains("\"started\":false");
        assertThat(tmp.resolve("data/agent.db")).doesNotExist();
    }

    @Test
    void onceTheAgentHasItsStateStatusShowsItAndItsTrading() throws Exception {
        try (AgentDatabase db = AgentDatabase.open(tmp.resolve("data/agent.db"))) {
            MeterStateStore.loadOrCreate(db, NodeId.of("n1"), MeterSerial.of("M1"), Instant.now());
            Run r = status();
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("node:", "n1", "trading:", "open bills");
        }
    }
}
