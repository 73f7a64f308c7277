package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consortium and ledger commands refuse bad arguments by name, before doing anything. */
class ConsortiumCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theBenchRefusesAnEagCountOutOfRange() {
        CliRun r = CliRun.of("consortium", "bench", "--eags", "0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    }

    @Test
    void theBenchsHelpSaysWhatItMeasuresAndWhatItDoesNot() {
        CliRun r = CliRun.of("consortium", "bench", "--help");
        assertThat(r.exit()).isZero();
        // picocli wraps the help at 80 columns: read it as one line.
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("commit latency")
                .contains("simulated meters (meter agents on Pi4J mock GPIO, as processes) trading in its market")
                .contains("eag-gateway run, as a process; in this JVM with --gateways in-jvm")
                .contains("With --synthetic the EAGs are bare consortium nodes in this JVM");
    }

    @Test
    void theSyntheticBenchWithNodesCommitsTheirTransactionsAndCountsThem() {
        StdoutCli.Run r = StdoutCli.run(
                "consortium",
                "bench",
                "--synthetic",
                "--eags",
                "2",
                "--nodes",
                "6",
                "--duration",
                "6s",
                "--interval",
                "500ms");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("0 forks").containsPattern("transactions: [1-9][0-9]* committed in");
    }

    @Test
    void theBenchRefusesANodeCountOutOfRange() {
        CliRun r = CliRun.of("consortium", "bench", "--nodes", "-1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    }

    @Test
    void theTradingBenchWantsABuyerAndASellerAtEveryEag() {
        CliRun r = CliRun.of("consortium", "bench", "--eags", "2", "--nodes", "3");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--nodes must be 4-272 for 2 EAGs").contains("not 3");
    }

    @Test
    void theBenchsDefaultMetersFitTheHosting() {
        // 51 EAGs in one JVM: 2 meters each by default (102), so the only refusal left is the missing agent jar.
        CliRun r = CliRun.of(
                "consortium",
                "bench",
                "--eags",
                "51",
                "--agent-jar",
                tmp.resolve("no-agent.jar").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--agent-jar").doesNotContain("--nodes must be");
    }

    @Test
    void theBenchNamesAnUnknownHostingAndRefusesItWithSyntheticNodes() {
        CliRun unknown = CliRun.of("consortium", "bench", "--gateways", "sideways");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("--gateways must be processes or in-jvm, not 'sideways'");

        CliRun synthetic = CliRun.of("consortium", "bench", "--synthetic", "--gateways", "processes");
        assertThat(synthetic.exit()).as(synthetic.toString()).isEqualTo(2);
        assertThat(synthetic.err()).contains("--gateways is for trading meters");
    }

    @Test
    void theTradingBenchNamesAMissingAgentJar() {
        CliRun r = CliRun.of(
                "consortium",
                "bench",
                "--agent-jar",
                tmp.resolve("no-agent.jar").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--agent-jar").contains("no-agent.jar does not exist");
    }

    @Test
    void theBenchStartsFreshAndRefusesADirectoryInUse() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("left-over"), "x");
        CliRun r = CliRun.of("consortium", "bench", "--synthetic", "--dir", tmp.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("is not empty; a bench starts fresh");
    }

    @Test
    void ledgerVerifyWithoutADatabaseExitsTwo() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("genesis.json"), "{}");
        CliRun r = CliRun.of(
                "ledger",
                "verify",
                "--data",
                tmp.resolve("nothing").toString(),
                "--genesis",
                tmp.resolve("genesis.json").toString(),
                "--ca",
                tmp.resolve("missing.crt").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    }

    @Test
    void theNodeNeedsItsGenesisKeysBrokerAndData() {
        CliRun r = CliRun.of("consortium", "node");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--genesis").contains("--broker").contains("--data");
    }
}
