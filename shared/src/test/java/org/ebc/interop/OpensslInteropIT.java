package org.ebc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeReason;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReason;
import org.ebc.ocmf.OcmfRecord;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.testing.Openssl;
import org.ebc.testing.SampleReadings;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our signatures against the real openssl binary, in both directions: a third-party verifier must accept
 * what we sign (DESIGN §3), and keys or signatures made with openssl must work with our code.
 */
class OpensslInteropIT {
    @TempDir
    Path dir;

    private final OcmfPayload payload = SampleReadings.payload(42, 1_234_567, 89);

    // ------------------------------------------------------------------ ours → openssl

    @Test
    void anOcmfRecordWeSignVerifiesWithOpensslAndOurExportedPublicKey() throws IOException {
        KeyPair keys = KeyPairs.generate();
        OcmfRecord framed =
                OcmfCodec.frame(OcmfCodec.sign(payload, keys.getPrivate())).record();
        Files.write(dir.resolve("payload.bin"), framed.payloadBytes());
        Files.write(dir.resolve("sig.der"), framed.signatureDer());
        Pem.writePublic(dir.resolve("pub.pem"), keys.getPublic());

        Openssl.Run run =
                Openssl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "payload.bin");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Verified OK");
    }

    @Test
    void opensslRefusesOurSignatureOverAPayloadWithOneByteChanged() throws IOException {
        KeyPair keys = KeyPairs.generate();
        OcmfRecord framed =
                OcmfCodec.frame(OcmfCodec.sign(payload, keys.getPrivate())).record();
        byte[] changed = framed.payloadBytes().clone();
        changed[changed.length / 2] ^= 0x01;
        Files.write(dir.resolve("payload.bin"), changed);
        Files.write(dir.resolve("sig.der"), framed.signatureDer());
        Pem.writePublic(dir.resolve("pub.pem"), keys.getPublic());

        Openssl.Run run =
                Openssl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "payload.bin");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Verification failure");
    }

    @Test
    void anEnvelopeWeSignVerifiesWithOpenssl() throws IOException {
        KeyPair keys = KeyPairs.generate();
        byte[] ackPayload = new Ack(
                        EagId.of("eag-1"),
                        NodeId.of("node-1"),
                        3,
                        1_795_766_400_123L,
                        List.of(new Ack.PageRange(1, 42)),
                        List.of(new Ack.Rejection(43, "BAD_SIGNATURE", "signature does not verify")))
                .payloadBytes();
        byte[] raw = EnvelopeCodec.sign(ackPayload, keys.getPrivate(), KeyId.of(keys.getPublic()));
        var framed = EnvelopeCodec.frame(raw, EnvelopeCodec.DEFAULT_MAX_BYTES).envelope();
        Files.write(dir.resolve("payload.bin"), framed.payloadBytes());
        Files.write(dir.resolve("sig.der"), framed.signatureDer());
        Pem.writePublic(dir.resolve("pub.pem"), keys.getPublic());

        Openssl.Run run =
                Openssl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "payload.bin");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(framed.payloadBytes()).isEqualTo(ackPayload);
    }

    @Test
    void opensslAcceptsTheCertificatesAndTheRevocationListOurAuthorityIssues() {
        TestAuthority authority = TestAuthority.create();
        TestAuthority.Issued node = authority.node("node-1", "SDM630-0001");
        Pem.writePublic(dir.resolve("root.pem"), authority.root());
        Pem.writePublic(dir.resolve("node.pem"), node.certificate());
        Pem.writePublic(
                dir.resolve("crl.pem"),
                Certificates.revocationList(
                        authority.root(),
                        authority.rootKeys().getPrivate(),
                        List.of(node.certificate().getSerialNumber()),
                        authority.now(),
                        authority.now().plus(Duration.ofDays(7)),
                        BigInteger.ONE));

        Openssl.Run chain =
                Openssl.run(dir, "verify", "-CAfile", "root.pem", "node.pem").requireSuccess();
        Openssl.Run crl = Openssl.run(dir, "crl", "-in", "crl.pem", "-CAfile", "root.pem", "-noout", "-text");
        Openssl.Run revoked =
                Openssl.run(dir, "verify", "-crl_check", "-CAfile", "root.pem", "-CRLfile", "crl.pem", "node.pem");

        assertThat(chain.output()).contains("node.pem: OK");
        assertThat(crl.output())
                .contains("verify OK")
                .contains("Serial Number: "
                        + node.certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output()).contains("certificate revoked");
    }

    // ------------------------------------------------------------------ openssl → ours

    @Test
    void anOcmfRecordSignedByOpensslWithOurExportedPkcs8KeyVerifiesWithOurCode() throws IOException {
        KeyPair keys = KeyPairs.generate();
        Pem.writePrivateKey(dir.resolve("key.pem"), keys.getPrivate());
        byte[] payloadBytes = OcmfCodec.payloadBytes(payload);
        Files.write(dir.resolve("payload.bin"), payloadBytes);

        Openssl.run(dir, "dgst", "-sha256", "-sign", "key.pem", "-out", "sig.der", "payload.bin")
                .requireSuccess();
        byte[] raw = OcmfCodec.assemble(payloadBytes, Files.readAllBytes(dir.resolve("sig.der")));
        OcmfResult result = OcmfVerifier.verifyThenParse(raw, keys.getPublic());

        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(result.reason()).isEqualTo(OcmfReason.OK);
        assertThat(result.record().payload()).isEqualTo(payload);
    }

    @Test
    void anOcmfRecordSignedWithAKeyOpensslGeneratedVerifiesWithOurCode() throws IOException {
        Path key = opensslGeneratedKey("ec.pem");
        Openssl.run(dir, "ec", "-in", "ec.pem", "-pubout", "-out", "ec-pub.pem").requireSuccess();
        byte[] payloadBytes = OcmfCodec.payloadBytes(payload);
        Files.write(dir.resolve("payload.bin"), payloadBytes);

        Openssl.run(dir, "dgst", "-sha256", "-sign", key.getFileName().toString(), "-out", "sig.der", "payload.bin")
                .requireSuccess();
        PublicKey opensslPublicKey = Pem.readPublicKey(dir.resolve("ec-pub.pem"));
        OcmfResult result = OcmfVerifier.verifyThenParse(
                OcmfCodec.assemble(payloadBytes, Files.readAllBytes(dir.resolve("sig.der"))), opensslPublicKey);

        assertThat(result.reason()).isEqualTo(OcmfReason.OK);
        assertThat(result.record().payload()).isEqualTo(payload);
    }

    @Test
    void aKeyFileAsOpensslEcparamWritesItIsReadByOurCodeAndItsSignaturesVerifyWithOpenssl() throws IOException {
        // `openssl ecparam -genkey` writes an EC PARAMETERS block before the EC PRIVATE KEY: an operator
        // who brings such a key must not be told that it is not a key.
        Path key = opensslGeneratedKey("ec.pem");
        Openssl.run(dir, "ec", "-in", "ec.pem", "-pubout", "-out", "ec-pub.pem").requireSuccess();

        PrivateKey ours = Pem.readPrivateKey(key);
        OcmfRecord framed = OcmfCodec.frame(OcmfCodec.sign(payload, ours)).record();
        Files.write(dir.resolve("payload.bin"), framed.payloadBytes());
        Files.write(dir.resolve("sig.der"), framed.signatureDer());
        Openssl.Run run =
                Openssl.run(dir, "dgst", "-sha256", "-verify", "ec-pub.pem", "-signature", "sig.der", "payload.bin");

        assertThat(Files.readString(key)).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void anEnvelopeSignedByOpensslVerifiesWithOurCode() throws IOException {
        opensslGeneratedKey("ec.pem");
        Openssl.run(dir, "ec", "-in", "ec.pem", "-pubout", "-out", "ec-pub.pem").requireSuccess();
        PublicKey signer = Pem.readPublicKey(dir.resolve("ec-pub.pem"));
        byte[] payloadBytes = "{\"typ\":\"order\",\"from\":\"node-7\",\"seq\":12,\"ts\":1795766400123,\"wh\":2500}"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("payload.bin"), payloadBytes);

        Openssl.run(dir, "dgst", "-sha256", "-sign", "ec.pem", "-out", "sig.der", "payload.bin")
                .requireSuccess();
        byte[] raw = EnvelopeCodec.assemble(payloadBytes, KeyId.of(signer), Files.readAllBytes(dir.resolve("sig.der")));
        Map<KeyId, PublicKey> known = Map.of(KeyId.of(signer), signer);
        EnvelopeResult result = EnvelopeCodec.verify(raw, id -> Optional.ofNullable(known.get(id)));

        assertThat(result.reason()).isEqualTo(EnvelopeReason.OK);
        assertThat(result.envelope().type()).isEqualTo("order");
        assertThat(result.envelope().from()).isEqualTo("node-7");
        assertThat(result.envelope().seq()).isEqualTo(12);
        assertThat(result.envelope().payload().get("wh").asLong()).isEqualTo(2500);
    }

    @Test
    void aCertificateRequestOpensslMadeIsAcceptedWithItsSubject() throws IOException {
        opensslGeneratedKey("ec.pem");
        Openssl.run(dir, "ec", "-in", "ec.pem", "-pubout", "-out", "ec-pub.pem").requireSuccess();

        Openssl.run(
                        dir,
                        "req",
                        "-new",
                        "-sha256",
                        "-key",
                        "ec.pem",
                        "-subj",
                        "/CN=node-7/OU=node/O=ebc/serialNumber=SDM630-0007",
                        "-out",
                        "node.csr")
                .requireSuccess();
        Csrs.Check check = Csrs.check(Pem.readCsr(dir.resolve("node.csr")));

        assertThat(check.ok()).as(check.problem()).isTrue();
        assertThat(check.subject().role()).isEqualTo(CertificateRole.NODE);
        assertThat(check.subject().id()).isEqualTo("node-7");
        assertThat(check.subject().meterSerial()).isEqualTo("SDM630-0007");
        assertThat(check.publicKey().getEncoded())
                .isEqualTo(Pem.readPublicKey(dir.resolve("ec-pub.pem")).getEncoded());
    }

    @Test
    void aRecordSignedByOpensslWithAnotherKeyIsABadSignature() throws IOException {
        opensslGeneratedKey("ec.pem");
        byte[] payloadBytes = OcmfCodec.payloadBytes(payload);
        Files.write(dir.resolve("payload.bin"), payloadBytes);

        Openssl.run(dir, "dgst", "-sha256", "-sign", "ec.pem", "-out", "sig.der", "payload.bin")
                .requireSuccess();
        OcmfResult result = OcmfVerifier.verifyThenParse(
                OcmfCodec.assemble(payloadBytes, Files.readAllBytes(dir.resolve("sig.der"))),
                KeyPairs.generate().getPublic());

        assertThat(result.reason()).isEqualTo(OcmfReason.BAD_SIGNATURE);
    }

    /** A P-256 key as {@code openssl ecparam -name prime256v1 -genkey} writes it, made private (0600) as our reader demands. */
    private Path opensslGeneratedKey(String name) throws IOException {
        Openssl.run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", name)
                .requireSuccess();
        Path key = dir.resolve(name);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return key;
    }
}
