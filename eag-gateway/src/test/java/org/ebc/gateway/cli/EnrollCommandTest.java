package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollCommandTest {
    @TempDir
    Path tmp;

    @Test
    void enrollWritesAnOwnerOnlyKeyAndAnEagCsrForThatKey() throws Exception {
        Path dir = tmp.resolve("gw");

        CliRun r = CliRun.of("enroll", "--eag-id", "eag-north", "--dir", dir.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("eag.key"))))
                .isEqualTo("rw-------");
        Csrs.Check csr = Csrs.check(Pem.readCsr(dir.resolve("eag.csr")));
        assertThat(csr.ok()).as(csr.problem()).isTrue();
        assertThat(csr.subject().role()).isEqualTo(CertificateRole.EAG);
        assertThat(csr.subject().id()).isEqualTo("eag-north");
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        assertThat(Signatures.verify(
                        csr.publicKey(), probe, Signatures.sign(Pem.readPrivateKey(dir.resolve("eag.key")), probe)))
                .isTrue();
        assertThat(r.out()).contains("issue-eag", "eag.crt", "ca.crt").doesNotContain("PRIVATE KEY");
    }

    @Test
    void enrollingTwiceIsRefusedAndKeepsTheFirstKey() throws Exception {
        Path dir = tmp.resolve("gw");
        CliRun.of("enroll", "--eag-id", "eag-north", "--dir", dir.toString());
        byte[] key = Files.readAllBytes(dir.resolve("eag.key"));

        CliRun again = CliRun.of("enroll", "--eag-id", "eag-north", "--dir", dir.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains(dir.resolve("eag.key").toString(), "refusing to overwrite");
        assertThat(Files.readAllBytes(dir.resolve("eag.key"))).isEqualTo(key);
    }

    @Test
    void aDirectoryOthersMayReadIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("gw"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun r = CliRun.of("enroll", "--eag-id", "eag-north", "--dir", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(dir.toString(), "too open", "chmod 700");
        assertThat(dir.resolve("eag.key")).doesNotExist();
    }

    @Test
    void anIdThatCannotAppearInTopicsIsRefusedAndAMissingOneIsAUsageError() {
        CliRun bad = CliRun.of(
                "enroll", "--eag-id", "eag/north", "--dir", tmp.resolve("gw").toString());
        CliRun missing = CliRun.of("enroll", "--dir", tmp.resolve("gw").toString());

        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("eag/north");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(tmp.resolve("gw")).doesNotExist();
    }
}
