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
                .contains("Without --nodes blocks carry only their coinbase")
                .contains("The nodes are synthetic (no meters read, no market clears)");
    }

    @Test
    void theBenchWithNodesCommitsTheirTransactionsAndCountsThem() {
        StdoutCli.Run r = StdoutCli.run(
                "consortium", "bench", "--eags", "2", "--nodes", "6", "--duration", "6s", "--interval", "500ms");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("0 forks").containsPattern("transactions: [1-9][0-9]* committed in");
    }

    @Test
    void theBenchRefusesANodeCountOutOfRange() {
        CliRun r = CliRun.of("consortium", "bench", "--nodes", "-1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
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
