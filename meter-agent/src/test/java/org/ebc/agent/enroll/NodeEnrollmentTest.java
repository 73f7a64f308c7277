package org.ebc.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeEnrollmentTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private NodeEnrollment.Result enroll(Path keyDir, int wallets) {
        return NodeEnrollment.enroll(keyDir, NodeId.of("node-7"), MeterSerial.of("SDM630-0007"), wallets, CLOCK);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void enrollmentCreatesOwnerOnlyKeysInAnOwnerOnlyDirectory() throws Exception {
        Path keyDir = tmp.resolve("keys");

        NodeEnrollment.Result r = enroll(keyDir, 3);

        assertThat(mode(keyDir)).isEqualTo("rwx------");
        assertThat(r.nodeKey()).isEqualTo(keyDir.resolve("node.key"));
        assertThat(r.walletKeys())
                .containsExactly(
                        keyDir.resolve("wallet-1.key"), keyDir.resolve("wallet-2.key"), keyDir.resolve("wallet-3.key"));
        assertThat(mode(r.nodeKey())).isEqualTo("rw-------");
        for (Path w : r.walletKeys()) {
            assertThat(mode(w)).isEqualTo("rw-------");
        }
    }

    @Test
    void theCsrAsksForANodeCertificateForThisNodeAndMeterWithTheNodeKeyAndNoIdentity() {
        NodeEnrollment.Result r = enroll(tmp.resolve("keys"), 3);

        Csrs.Check csr = Csrs.check(Pem.readCsr(r.csr()));

        assertThat(csr.ok()).as(csr.problem()).isTrue();
        assertThat(csr.subject().role()).isEqualTo(CertificateRole.NODE);
        assertThat(csr.subject().id()).isEqualTo("node-7");
        assertThat(csr.subject().meterSerial()).isEqualTo("SDM630-0007");
        assertThat(csr.subject().trueIdentity()).isNull();
        assertThat(KeyId.of(csr.publicKey())).isEqualTo(r.nodeKeyId());
        assertThat(signsFor(Pem.readPrivateKey(r.nodeKey()), csr.publicKey())).isTrue();
    }

    @Test
    void theWalletRequestIsSignedByTheNodeKeyAndEachWalletKeyProvesItsAddress() throws Exception {
        NodeEnrollment.Result r = enroll(tmp.resolve("keys"), 3);
        PublicKey nodeKey = Csrs.check(Pem.readCsr(r.csr())).publicKey();

        EnvelopeResult env = EnvelopeCodec.verify(
                Files.readAllBytes(r.walletsRequest()),
                k -> k.equals(KeyId.of(nodeKey)) ? Optional.of(nodeKey) : Optional.empty());

        assertThat(env.isOk()).as(env.detail()).isTrue();
        assertThat(env.envelope().type()).isEqualTo("wallet-binding");
        assertThat(env.envelope().from()).isEqualTo("node-7");
        assertThat(env.envelope().timestampMillis()).isEqualTo(T0.toEpochMilli());
        JsonNode wallets = env.envelope().payload().get("wallets");
        assertThat(wallets).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode w = wallets.get(i);
            PrivateKey walletKey = Pem.readPrivateKey(r.walletKeys().get(i));
            PublicKey published = KeyFactory.getInstance("EC", Crypto.provider())
                    .generatePublic(new X509EncodedKeySpec(
                            Base64.getDecoder().decode(w.get("publicKey").textValue())));
            WalletAddress address = WalletAddress.of(published);
            assertThat(signsFor(walletKey, published))
                    .as("wallet-%d.key belongs to the published key", i + 1)
                    .isTrue();
            assertThat(w.get("address").textValue())
                    .isEqualTo(address.toString())
                    .isEqualTo(r.addresses().get(i).toString());
            assertThat(Signatures.verify(
                            published,
                            WalletBindingRequest.proofMessage(NodeId.of("node-7"), KeyId.of(nodeKey), address),
                            Hex.parseUpper(w.get("proof").textValue())))
                    .isTrue();
        }
    }

    @Test
    void theNumberOfWalletsIsOmegaWithinOneToSixteen() {
        assertThat(enroll(tmp.resolve("five"), 5).walletKeys()).hasSize(5);
        assertThatThrownBy(() -> enroll(tmp.resolve("none"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enroll(tmp.resolve("many"), 17)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void enrollingAgainIsRefusedAndLeavesEveryFileAsItWas() throws Exception {
        Path keyDir = tmp.resolve("keys");
        NodeEnrollment.Result first = enroll(keyDir, 2);
        byte[] nodeKey = Files.readAllBytes(first.nodeKey());
        byte[] request = Files.readAllBytes(first.walletsRequest());

        assertThatThrownBy(() -> enroll(keyDir, 2))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(keyDir.resolve("node.key").toString())
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readAllBytes(first.nodeKey())).isEqualTo(nodeKey);
        assertThat(Files.readAllBytes(first.walletsRequest())).isEqualTo(request);
        try (Stream<Path> files = Files.list(keyDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("node.key", "wallet-1.key", "wallet-2.key", "node.csr", "wallets.req");
        }
    }

    @Test
    void aLeftoverWalletKeyAloneIsEnoughToRefuse() throws Exception {
        Path keyDir = Files.createDirectory(
                tmp.resolve("keys"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(keyDir.resolve("wallet-2.key"), "holds coins");

        assertThatThrownBy(() -> enroll(keyDir, 3))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("wallet-2.key");
        assertThat(keyDir.resolve("node.key")).doesNotExist();
    }

    @Test
    void aKeyDirectoryGroupOrOthersMayReadOrWriteIsRefused() throws Exception {
        for (String perms : List.of("rwxr-x---", "rwx---rwx", "rwx-w----")) {
            Path keyDir = Files.createDirectory(tmp.resolve("open-" + perms.replace('-', '_')));
            Files.setPosixFilePermissions(keyDir, PosixFilePermissions.fromString(perms));

            assertThatThrownBy(() -> enroll(keyDir, 1))
                    .as(perms)
                    .isInstanceOf(KeyFileException.class)
                    .hasMessageContaining(keyDir.toString())
                    .hasMessageContaining("too open");
            assertThat(keyDir.resolve("node.key")).doesNotExist();
        }
    }

    @Test
    void noPrivateKeyIsWrittenOutsideTheKeyDirectory() throws Exception {
        Path keyDir = tmp.resolve("device/keys");

        enroll(keyDir, 3);

        try (Stream<Path> all = Files.walk(tmp)) {
            List<Path> withPrivateKeys = all.filter(Files::isRegularFile)
                    .filter(p -> read(p).contains("PRIVATE KEY"))
                    .toList();
            assertThat(withPrivateKeys).hasSize(4).allMatch(p -> p.getParent().equals(keyDir));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean signsFor(PrivateKey priv, PublicKey pub) {
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        return Signatures.verify(pub, probe, Signatures.sign(priv, probe));
    }
}
