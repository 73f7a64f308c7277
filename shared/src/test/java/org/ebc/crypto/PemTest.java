package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ebc.testing.TestAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    private static final TestAuthority AUTHORITY = TestAuthority.create();
    private static final TestAuthority.Issued NODE = AUTHORITY.node("node-1", "SDM630-0001");

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ private keys

    @Test
    void aPrivateKeyIsWrittenAsPkcs8ReadableAndWritableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("keys/node.key");
        KeyPair keys = KeyPairs.generate();

        Pem.writePrivateKey(file, keys.getPrivate());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey back = Pem.readPrivateKey(file);
        byte[] data = {1, 2, 3};
        assertThat(Signatures.verify(keys.getPublic(), data, Signatures.sign(back, data)))
                .isTrue();
    }

    @Test
    void aPrivateKeyThatOthersCanReadIsRefusedWithTheFileAndTheFix() throws IOException {
        Path file = dir.resolve("node.key");
        Pem.writePrivateKey(file, KeyPairs.generate().getPrivate());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Pem.readPrivateKey(file))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("too open")
                .hasMessageContaining("chmod 600 " + file)
                .satisfies(e -> assertThat(((KeyFileException) e).file()).isEqualTo(file));
    }

    @Test
    void aPrivateKeyTheGroupCanReadIsRefusedToo() throws IOException {
        Path file = dir.resolve("node.key");
        Pem.writePrivateKey(file, KeyPairs.generate().getPrivate());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> Pem.readPrivateKey(file)).hasMessageContaining("chmod 600");
    }

    @Test
    void writingAKeyWhereOneExistsIsRefusedAndLeavesTheOldKeyAlone() throws IOException {
        Path file = dir.resolve("node.key");
        Pem.writePrivateKey(file, KeyPairs.generate().getPrivate());
        String before = Files.readString(file);

        assertThatThrownBy(() -> Pem.writePrivateKey(file, KeyPairs.generate().getPrivate()))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void readingAPublicKeyWhereAPrivateKeyIsExpectedSaysWhatWasFound() {
        Path file = dir.resolve("node.key");
        Pem.writePublic(file, KeyPairs.generate().getPublic());
        setOwnerOnly(file);

        assertThatThrownBy(() -> Pem.readPrivateKey(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("found a public key");
    }

    // ------------------------------------------------------------------ certificates, requests, lists

    @Test
    void aCertificateChainIsWrittenAndReadBackInOrder() throws IOException {
        Path file = dir.resolve("chain.pem");
        Files.writeString(
                file, Pem.encode(NODE.certificate()) + Pem.encode(AUTHORITY.root()), StandardCharsets.US_ASCII);

        assertThat(Pem.readCertificates(file)).containsExactly(NODE.certificate(), AUTHORITY.root());
        assertThatThrownBy(() -> Pem.readCertificate(file))
                .hasMessageContaining("expected exactly one certificate, found 2");
    }

    @Test
    void aCertificateAndItsPublicKeyAreReadBack() {
        Path file = dir.resolve("node.pem");
        Pem.writePublic(file, NODE.certificate());

        assertThat(Pem.readCertificate(file)).isEqualTo(NODE.certificate());
        assertThat(Pem.readPublicKey(file)).isEqualTo(NODE.keys().getPublic());
    }

    @Test
    void readingARequestWhereACertificateIsExpectedNamesTheFileAndWhatItFound() {
        Path file = dir.resolve("node.pem");
        Pem.writePublic(file, Csrs.create(NODE.keys(), CertificateSubject.node("node-1", "x", "SDM630-0001")));

        assertThatThrownBy(() -> Pem.readCertificate(file))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a certificate (found a certificate signing request)");
        assertThat(Pem.readCsr(file).getSubject().toString()).contains("node-1");
    }

    @Test
    void readingACertificateWhereARequestOrARevocationListIsExpectedNamesWhatItFound() {
        Path file = dir.resolve("node.pem");
        Pem.writePublic(file, NODE.certificate());

        assertThatThrownBy(() -> Pem.readCsr(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("found a certificate");
        assertThatThrownBy(() -> Pem.readCrl(file))
                .hasMessageContaining("not a certificate revocation list (found a certificate)");
    }

    @Test
    void aRevocationListIsWrittenAndReadBack() {
        Path file = dir.resolve("crl.pem");
        Pem.writePublic(
                file,
                Certificates.revocationList(
                        AUTHORITY.root(),
                        AUTHORITY.rootKeys().getPrivate(),
                        List.of(BigInteger.valueOf(77)),
                        AUTHORITY.now(),
                        AUTHORITY.now().plus(Duration.ofDays(7)),
                        BigInteger.ONE));

        assertThat(RevocationList.fromCrl(Pem.readCrl(file), AUTHORITY.root()).serials())
                .containsExactly(BigInteger.valueOf(77));
    }

    @Test
    void aMissingFileAnEmptyFileAndGarbageEachSaySo() throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path garbage = Files.writeString(
                dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> Pem.readCertificate(missing))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Pem.readPublicKey(empty))
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("no PEM object");
        assertThatThrownBy(() -> Pem.readCertificate(garbage))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(garbage.toString());
    }

    @Test
    void writingAPublicFileReplacesItWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("node.pem");
        Pem.writePublic(file, AUTHORITY.root());

        Pem.writePublic(file, NODE.certificate());

        assertThat(Pem.readCertificate(file)).isEqualTo(NODE.certificate());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("node.pem");
        }
    }

    // ------------------------------------------------------------------ chains from the network

    @Test
    void aChainFromTheNetworkIsParsedInOrder() {
        Optional<List<X509Certificate>> chain =
                Pem.parseCertificates(Pem.encode(NODE.certificate()) + Pem.encode(AUTHORITY.root()));

        assertThat(chain).contains(List.of(NODE.certificate(), AUTHORITY.root()));
    }

    @Test
    void hostileTextIsNotACertificateChain() {
        String cert = Pem.encode(NODE.certificate());
        assertThat(Pem.parseCertificates(null)).isEmpty();
        assertThat(Pem.parseCertificates("")).isEmpty();
        assertThat(Pem.parseCertificates("hello")).isEmpty();
        assertThat(Pem.parseCertificates(cert.substring(0, cert.length() / 2))).isEmpty();
        assertThat(Pem.parseCertificates(cert.replace("MII", "MIJ"))).isEmpty();
        assertThat(Pem.parseCertificates(cert.repeat(5)))
                .as("more than four certificates")
                .isEmpty();
        assertThat(Pem.parseCertificates(cert + "x".repeat(64 * 1024)))
                .as("more than 64 KiB")
                .isEmpty();
        assertThat(Pem.parseCertificates(Pem.encode(Csrs.create(NODE.keys(), CertificateSubject.eag("eag-1")))))
                .as("a request")
                .isEmpty();
        assertThat(Pem.parseCertificates(cert + Pem.encode(NODE.keys().getPublic())))
                .as("a certificate and a key")
                .isEmpty();
        assertThat(Pem.parseCertificates(armored(deeplyNested(12_000))))
                .as("12,000 nested indefinite-length sequences")
                .isEmpty();
    }

    @Property(tries = 1500)
    void noTextFromTheNetworkMakesTheChainParserThrow(@ForAll("hostilePem") String text) {
        Optional<List<X509Certificate>> chain = Pem.parseCertificates(text);

        chain.ifPresent(c -> assertThat(c).isNotEmpty().hasSizeLessThanOrEqualTo(4));
    }

    @Provide
    Arbitrary<String> hostilePem() {
        String cert = Pem.encode(NODE.certificate());
        byte[] der = base64Body(cert);
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1500).map(PemTest::armored),
                Arbitraries.integers().between(0, der.length - 1).map(n -> armored(java.util.Arrays.copyOf(der, n))),
                Arbitraries.integers().between(0, der.length * 8 - 1).map(bit -> {
                    byte[] d = der.clone();
                    d[bit / 8] ^= (byte) (1 << (bit % 8));
                    return armored(d);
                }),
                Arbitraries.integers().between(0, cert.length() - 1).map(n -> cert.substring(0, n)));
    }

    private static byte[] base64Body(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String armored(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] deeplyNested(int depth) {
        byte[] out = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            out[2 * i] = 0x30;
            out[2 * i + 1] = (byte) 0x80;
        }
        return out;
    }

    private static void setOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
