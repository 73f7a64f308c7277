package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.ebc.testing.CryptoProviderSelection;
import org.ebc.testing.TestAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoProviderTest {
    private static final byte[] DATA = "OCMF|{\"PG\":\"T1\"}".getBytes(StandardCharsets.US_ASCII);
    private final CryptoProvider before = Crypto.providerChoice();

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheProviderOfThisRun() {
        Crypto.useProvider(before);
    }

    @Test
    void theProviderSelectedForThisTestRunIsTheOneInEffect() {
        CryptoProvider expected = CryptoProvider.valueOf(
                System.getProperty(CryptoProviderSelection.PROPERTY, CryptoProvider.BOUNCY_CASTLE.name()));

        assertThat(Crypto.providerChoice()).isEqualTo(expected);
        assertThat(Crypto.provider().getName()).isEqualTo(expected == CryptoProvider.BOUNCY_CASTLE ? "BC" : "SunEC");
    }

    @Test
    void underThePlatformProviderKeysCertificatesAndListsAreTheJdksOwnObjects() {
        TestAuthority authority = TestAuthority.create();
        TestAuthority.Issued node = authority.node("node-1", "SDM630-0001");
        Path key = dir.resolve("node.key");
        Path crt = dir.resolve("node.crt");
        Pem.writePrivateKey(key, node.keys().getPrivate());
        Pem.writePublic(crt, node.certificate());

        Crypto.useProvider(CryptoProvider.PLATFORM);
        PrivateKey read = Pem.readPrivateKey(key);
        X509Certificate cert = Pem.readCertificate(crt);

        assertThat(Crypto.provider().getName()).isEqualTo("SunEC");
        assertThat(read.getClass().getName()).startsWith("sun.security.ec.");
        assertThat(cert.getClass().getName()).startsWith("sun.security.x509.");
        assertThat(Pem.readPublicKey(crt).getClass().getName()).startsWith("sun.security.ec.");
        assertThat(cert).isEqualTo(node.certificate());
        assertThat(authority
                        .validator()
                        .check(cert, authority.now(), CertificateRole.NODE)
                        .isValid())
                .isTrue();
        assertThat(Signatures.verify(cert.getPublicKey(), DATA, Signatures.sign(read, DATA)))
                .isTrue();
    }

    @Test
    void aSignatureMadeWithOneProviderVerifiesWithTheOtherAndTamperingFailsWithBoth() {
        KeyPair keys = KeyPairs.generate();
        for (CryptoProvider signer : CryptoProvider.values()) {
            Crypto.useProvider(signer);
            byte[] sig = Signatures.sign(keys.getPrivate(), DATA);
            byte[] other = Arrays.copyOf(DATA, DATA.length);
            other[5] ^= 1;
            for (CryptoProvider verifier : CryptoProvider.values()) {
                Crypto.useProvider(verifier);
                assertThat(Signatures.verify(keys.getPublic(), DATA, sig))
                        .as(signer + " -> " + verifier)
                        .isTrue();
                assertThat(Signatures.verify(keys.getPublic(), other, sig))
                        .as(signer + " -> " + verifier + ", other data")
                        .isFalse();
            }
        }
    }

    /**
     * An r (or s) with its top bit set needs a leading zero byte in DER. Without it the integer is negative;
     * SunEC reads it as the positive number anyway, so the same signature would have a second byte form.
     */
    @Test
    void anIntegerWithoutItsSignBytePaddingIsRefusedByBothProviders() {
        KeyPair keys = KeyPairs.generate();
        byte[] sig;
        do {
            sig = Signatures.sign(keys.getPrivate(), DATA);
        } while (sig[3] != 33); // until r needs the padding byte (about every second signature)
        byte[] unpadded = new byte[sig.length - 1];
        unpadded[0] = 0x30;
        unpadded[1] = (byte) (sig[1] - 1);
        unpadded[2] = 0x02;
        unpadded[3] = 32;
        System.arraycopy(sig, 5, unpadded, 4, sig.length - 5);

        for (CryptoProvider p : List.of(CryptoProvider.values())) {
            Crypto.useProvider(p);
            assertThat(Signatures.verify(keys.getPublic(), DATA, sig))
                    .as(p + ", canonical")
                    .isTrue();
            assertThat(Signatures.verify(keys.getPublic(), DATA, unpadded))
                    .as(p + ", unpadded r")
                    .isFalse();
        }
    }

    @Test
    void onlyTheMinimalDerOfTwoPositiveIntegersIsCanonical() {
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 6, 2, 1, 1, 2, 1, 1}))
                .isTrue();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 7, 2, 2, 0, (byte) 0x80, 2, 1, 1}))
                .as("needed sign byte")
                .isTrue();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 7, 2, 2, 0, 1, 2, 1, 1}))
                .as("needless zero")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 6, 2, 1, (byte) 0x80, 2, 1, 1}))
                .as("negative")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 7, 2, 1, 1, 2, 1, 1, 0}))
                .as("trailing byte inside")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 6, 2, 1, 1, 2, 1, 1, 0}))
                .as("trailing byte outside")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, (byte) 0x81, 6, 2, 1, 1, 2, 1, 1}))
                .as("long-form length")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x31, 6, 2, 1, 1, 2, 1, 1}))
                .as("a SET")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 6, 2, 0, 2, 2, 1, 1}))
                .as("empty integer")
                .isFalse();
        assertThat(Signatures.isCanonicalDer(new byte[] {0x30, 6, 2, 1, 1, 4, 1, 1}))
                .as("an OCTET STRING")
                .isFalse();
    }
}
