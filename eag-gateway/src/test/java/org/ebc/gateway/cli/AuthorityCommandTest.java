package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.ebc.crypto.CertificateReason;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityCommandTest {
    @TempDir
    Path tmp;

    private Path initialised() {
        Path dir = tmp.resolve("ca");
        CliRun init = CliRun.of("authority", "init", "--dir", dir.toString(), "--name", "CLI RA");
        assertThat(init.exit()).as(init.toString()).isZero();
        return dir;
    }

    private Path nodeCsr(String id, String meter, KeyPair keys) {
        Path csr = tmp.resolve(id + ".csr");
        Pem.writePublic(csr, Csrs.create(keys, CertificateSubject.node(id, null, meter)));
        return csr;
    }

    @Test
    void initSaysWhatItCreatedAndListShowsAnAuthorityWithNothingIssued() {
        Path dir = tmp.resolve("ca");

        CliRun init =
                CliRun.of("authority", "init", "--dir", dir.toString(), "--name", "CLI RA", "--valid-days", "100");
        CliRun list = CliRun.of("authority", "list", "--dir", dir.toString());

        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(init.out())
                .contains(
                        "Created registration authority 'CLI RA'",
                        dir.resolve("ca.key").toString(),
                        "mode 0600",
                        "SHA-256");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("Authority 'CLI RA'", "crl       #1, 0 revoked", "No certificates issued yet.");
    }

    @Test
    void aNodeGoesThroughEnrollBindRevokeAndListShowsEachStep() {
        Path dir = initialised();
        KeyPair node = KeyPairs.generate();
        List<KeyPair> wallets = List.of(KeyPairs.generate(), KeyPairs.generate(), KeyPairs.generate());
        Path csr = nodeCsr("node-42", "SDM-42", node);
        Path request = tmp.resolve("wallets.req");
        writeRequest(request, WalletBindingRequest.create(NodeId.of("node-42"), node, wallets, Instant.now()));

        CliRun enroll = CliRun.of(
                "authority",
                "enroll-node",
                "--dir",
                dir.toString(),
                "--csr",
                csr.toString(),
                "--identity",
                "Carol Example, Quay 9",
                "--meter-serial",
                "SDM-42",
                "--valid-days",
                "365");
        CliRun bind = CliRun.of("authority", "bind-wallets", "--dir", dir.toString(), "--request", request.toString());
        CliRun listed = CliRun.of("authority", "list", "--dir", dir.toString(), "--addresses");
        CliRun revoke = CliRun.of(
                "authority", "revoke", "--dir", dir.toString(), "--id", "node-42", "--reason", "key-compromise");
        CliRun afterRevoke = CliRun.of("authority", "list", "--dir", dir.toString());

        assertThat(enroll.exit()).as(enroll.toString()).isZero();
        assertThat(enroll.out())
                .contains(
                        "Issued node certificate",
                        "node-42",
                        "Carol Example, Quay 9",
                        "SDM-42",
                        dir.resolve("issued/node-42.crt").toString(),
                        dir.resolve("issued/ca.crt").toString(),
                        "as node.crt");
        assertThat(bind.exit()).as(bind.toString()).isZero();
        for (KeyPair w : wallets) {
            assertThat(bind.out()).contains(WalletAddress.of(w.getPublic()).toString());
            assertThat(listed.out()).contains(WalletAddress.of(w.getPublic()).toString());
        }
        assertThat(listed.out()).containsPattern("node\\s+node-42\\s+2\\s+SDM-42\\s+\\S+\\s+no\\s+3");
        assertThat(revoke.exit()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).contains("Revoked node node-42 serial 2 (key-compromise)", "CRL #2");
        assertThat(afterRevoke.out())
                .containsPattern("node\\s+node-42\\s+2\\s+SDM-42\\s+\\S+\\s+\\S+ key-compromise\\s+3");
        var root = Pem.readCertificate(dir.resolve("ca.crt"));
        var crl = RevocationList.fromCrl(Pem.readCrl(dir.resolve("crl.pem")), root);
        assertThat(new CertificateValidator(root, () -> crl)
                        .check(Pem.readCertificate(dir.resolve("issued/node-42.crt")), Instant.now())
                        .reason())
                .isEqualTo(CertificateReason.REVOKED);
    }

    @Test
    void initTwiceIsRefusedWithExitOneNamingTheKey() {
        Path dir = initialised();

        CliRun again = CliRun.of("authority", "init", "--dir", dir.toString(), "--name", "CLI RA");

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("refused", dir.resolve("ca.key").toString(), "already");
    }

    @Test
    void aCertificateGivenAsCsrIsRefusedNamingTheFile() {
        Path dir = initialised();

        CliRun r = CliRun.of(
                "authority",
                "issue-eag",
                "--dir",
                dir.toString(),
                "--csr",
                dir.resolve("ca.crt").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains(dir.resolve("ca.crt").toString(), "not a certificate signing request", "found a certificate");
    }

    @Test
    void refusalsAboutACsrNameTheCsrFile() {
        Path dir = initialised();
        Path csr = nodeCsr("n1", "M1", KeyPairs.generate());

        CliRun r = CliRun.of("authority", "issue-eag", "--dir", dir.toString(), "--csr", csr.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(csr.toString(), "node", "use enroll-node");
    }

    @Test
    void aWalletRequestFromAnUnknownNodeIsRefused() {
        Path dir = initialised();
        Path request = tmp.resolve("wallets.req");
        writeRequest(
                request,
                WalletBindingRequest.create(
                        NodeId.of("ghost"), KeyPairs.generate(), List.of(KeyPairs.generate()), Instant.now()));

        CliRun r = CliRun.of("authority", "bind-wallets", "--dir", dir.toString(), "--request", request.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(request.toString(), "'ghost'", "not enrolled");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path dir = initialised();

        CliRun r = CliRun.of(
                "authority",
                "enroll-node",
                "--dir",
                dir.toString(),
                "--csr",
                tmp.resolve("nope.csr").toString(),
                "--identity",
                "X");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(tmp.resolve("nope.csr").toString(), "does not exist");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Path dir = initialised();

        assertThat(CliRun.of("authority").exit()).isEqualTo(2);
        assertThat(CliRun.of("authority", "list").exit()).isEqualTo(2);
        assertThat(CliRun.of("authority", "init", "--dir", tmp.resolve("x").toString())
                        .exit())
                .isEqualTo(2);
        assertThat(CliRun.of(
                                "authority",
                                "init",
                                "--dir",
                                tmp.resolve("x").toString(),
                                "--name",
                                "X",
                                "--valid-days",
                                "0")
                        .exit())
                .isEqualTo(2);
        assertThat(tmp.resolve("x")).doesNotExist();
        CliRun badReason =
                CliRun.of("authority", "revoke", "--dir", dir.toString(), "--id", "n1", "--reason", "because");
        assertThat(badReason.exit()).isEqualTo(2);
        assertThat(badReason.err()).contains("key-compromise");
        assertThat(CliRun.of("authority", "revoke", "--dir", dir.toString(), "--serial", "xyz")
                        .exit())
                .isEqualTo(2);
        assertThat(CliRun.of("authority", "revoke", "--dir", dir.toString(), "--serial", "3", "--id", "n1")
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void revokingASerialNeverIssuedIsRefused() {
        Path dir = initialised();

        CliRun r = CliRun.of("authority", "revoke", "--dir", dir.toString(), "--serial", "0x7f");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("serial 7f");
    }

    @Test
    void everySubcommandHasHelpThatExitsZero() {
        for (String sub : List.of("init", "issue-eag", "enroll-node", "bind-wallets", "revoke", "list", "crl")) {
            CliRun help = CliRun.of("authority", sub, "--help");
            assertThat(help.exit()).as(sub).isZero();
            assertThat(help.out()).as(sub).contains("Usage: eag-gateway authority " + sub, "--dir=DIR");
        }
        assertThat(CliRun.of("authority", "init", "--help").out())
                .contains("mode 0600", "0700", "Refuses a DIR that already holds an authority");
        assertThat(CliRun.of("authority", "enroll-node", "--help").out())
                .contains("--identity", "ignored", "--replace");
    }

    private static void writeRequest(Path file, byte[] raw) {
        try {
            Files.write(file, raw);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
