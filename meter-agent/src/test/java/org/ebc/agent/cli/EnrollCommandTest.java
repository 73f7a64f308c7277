package org.ebc.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EnrollCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MeterAgentCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void enrollSaysWhatToTakeToTheAuthorityAndWhatToCopyBackButNeverShowsAKey() {
        Path keyDir = tmp.resolve("keys");

        Run r = run(
                "enroll",
                "--node-id",
                "node-7",
                "--meter-serial",
                "SDM-7",
                "--dir",
                keyDir.toString(),
                "--wallets",
                "2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        keyDir.resolve("node.csr").toString(),
                        "enroll-node",
                        "--meter-serial SDM-7",
                        keyDir.resolve("wallets.req").toString(),
                        "bind-wallets",
                        "issued/node-7.crt",
                        keyDir.resolve("node.crt").toString(),
                        keyDir.resolve("ca.crt").toString(),
                        "wallet 2",
                        "enroll --check");
        assertThat(r.out()).doesNotContain("PRIVATE KEY");
        assertThat(keyDir.resolve("wallet-2.key")).exists();
        assertThat(keyDir.resolve("wallet-3.key")).doesNotExist();
    }

    @Test
    void enrollingTwiceIsRefusedWithExitOneNamingTheKey() {
        Path keyDir = tmp.resolve("keys");
        run("enroll", "--node-id", "n1", "--meter-serial", "M1", "--dir", keyDir.toString());

        Run again = run("enroll", "--node-id", "n1", "--meter-serial", "M1", "--dir", keyDir.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains(keyDir.resolve("node.key").toString(), "refusing to overwrite");
    }

    @Test
    void checkBeforeTheCertificateIsCopiedBackIsRefusedNamingTheFile() {
        Path keyDir = tmp.resolve("keys");
        run("enroll", "--node-id", "n1", "--meter-serial", "M1", "--dir", keyDir.toString());

        Run check = run("enroll", "--check", "--dir", keyDir.toString());

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.err()).contains(keyDir.resolve("ca.crt").toString(), "does not exist");
    }

    @Test
    void usageErrorsExitWithTwoAndCreateNothing() throws Exception {
        Path keyDir = tmp.resolve("keys");

        assertThat(run("enroll", "--dir", keyDir.toString(), "--meter-serial", "M1")
                        .exit())
                .isEqualTo(2);
        assertThat(run(
                                "enroll",
                                "--node-id",
                                "n1",
                                "--meter-serial",
                                "M1",
                                "--dir",
                                keyDir.toString(),
                                "--wallets",
                                "0")
                        .exit())
                .isEqualTo(2);
        assertThat(run("enroll", "--node-id", "n1", "--meter-serial", "M1").exit())
                .isEqualTo(2);
        assertThat(Files.exists(keyDir)).isFalse();
    }

    @Test
    void anIdThatCannotAppearInTopicsIsRefused() {
        Run r = run(
                "enroll",
                "--node-id",
                "n/1",
                "--meter-serial",
                "M1",
                "--dir",
                tmp.resolve("keys").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("'n/1'");
    }

    @Test
    void helpExitsZeroAndSaysWhereTheKeysGo() {
        Run r = run("enroll", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "--node-id",
                        "--meter-serial",
                        "--wallets",
                        "--check",
                        "mode 0600",
                        "0700",
                        "node.csr",
                        "wallets.req");
    }
}
