package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code target/eag-gateway.jar} as an operator would: real processes, real files,
 * exit statuses and printed output.
 */
class AuthorityCliIT {
    private static final Path JAR = Path.of("target", "eag-gateway.jar");

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Result run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged jar (failsafe runs after `package`)").exists();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test")));
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("eag-gateway " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void anOperatorCreatesAnAuthorityCertifiesAGatewayAndListsIt() throws Exception {
        Path ca = tmp.resolve("authority");
        Path gw = tmp.resolve("gateway");

        Result init = run("authority", "init", "--dir", ca.toString(), "--name", "IT Authority");
        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(init.out())
                .contains("Created registration authority 'IT Authority' in " + ca, "fingerprint  SHA-256 ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve("ca.key"))))
                .isEqualTo("rw-------");

        Result empty = run("authority", "list", "--dir", ca.toString());
        assertThat(empty.exit()).as(empty.toString()).isZero();
        assertThat(empty.out())
                .contains("Authority 'IT Authority' in " + ca, "root      serial 1", "No certificates issued yet.");

        Result enroll = run("enroll", "--eag-id", "eag-it", "--dir", gw.toString());
        assertThat(enroll.exit()).as(enroll.toString()).isZero();
        Result issue = run(
                "authority",
                "issue-eag",
                "--dir",
                ca.toString(),
                "--csr",
                gw.resolve("eag.csr").toString(),
                "--valid-days",
                "30");
        assertThat(issue.exit()).as(issue.toString()).isZero();
        assertThat(issue.out())
                .contains(
                        "Issued EAG certificate",
                        ca.resolve("issued/eag-it.crt").toString());

        Result listed = run("authority", "list", "--dir", ca.toString());
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(listed.out())
                .contains("1 EAG and 0 node certificates")
                .containsPattern("ROLE\\s+ID\\s+SERIAL\\s+METER\\s+VALID UNTIL\\s+REVOKED\\s+WALLETS")
                .containsPattern("eag\\s+eag-it\\s+2\\s+-\\s+\\S+Z\\s+no\\s+-");
    }

    @Test
    void refusalsExitWithOneAndUsageErrorsWithTwo() throws Exception {
        Path ca = tmp.resolve("authority");
        assertThat(run("authority", "init", "--dir", ca.toString(), "--name", "IT Authority")
                        .exit())
                .isZero();

        Result again = run("authority", "init", "--dir", ca.toString(), "--name", "IT Authority");
        Result usage = run("authority", "list");

        assertThat(again.exit()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).contains(ca.resolve("ca.key").toString(), "already");
        assertThat(usage.exit()).as(usage.toString()).isEqualTo(2);
        assertThat(usage.err()).contains("--dir");
    }
}
