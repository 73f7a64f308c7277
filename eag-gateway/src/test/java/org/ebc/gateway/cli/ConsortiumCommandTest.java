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
        assertThat(r.out()).contains("commit latency").contains("Blocks carry only their coinbase");
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
