package org.ebc.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.ebc.agent.trading.Wallet;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.CryptoProvider;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wallet keys enrollment leaves: loaded with their addresses, open files refused. */
class WalletKeyFilesTest {
    @TempDir
    Path dir;

    private void copyGolden(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/org/ebc/agent/enroll/golden-wallet-binding/" + name)) {
            Path f = dir.resolve(name);
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(f, in.readAllBytes());
        }
    }

    @Test
    void theGoldenWalletKeysGiveTheAddressesTheirBindingRequestNames() throws Exception {
        for (int i = 1; i <= 3; i++) {
            copyGolden("wallet-" + i + ".key");
        }
        List<Wallet> wallets = WalletKeyFiles.load(dir);
        assertThat(wallets).extracting(Wallet::number).containsExactly(1, 2, 3);
        // The first address in golden-wallet-binding/wallets.req.
        assertThat(wallets.get(0).address().toString()).isEqualTo("ETsrva2iRS8CV8fuhD2RhAA7BwyFyUqyZa");
    }

    /** The JDK writes PKCS#8 without the public key (the agent enrolls under SunEC): it is computed. */
    @Test
    void aKeyWrittenByTheJdkWithoutItsPublicHalfGetsItBack() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        Pem.writePrivateKey(dir.resolve("wallet-2.key"), k.getPrivate());

        Wallet w = WalletKeyFiles.load(dir).get(0);
        assertThat(w.number()).isEqualTo(2);
        assertThat(w.publicKey().getEncoded()).isEqualTo(k.getPublic().getEncoded());
        assertThat(w.address()).isEqualTo(WalletAddress.of(k.getPublic()));
    }

    /** The agent runs with the JDK's provider (SunEC): the same key comes out of it. */
    @Test
    void underTheAgentsProviderTheSamePublicKeyIsComputed() throws Exception {
        KeyPair k = org.ebc.crypto.KeyPairs.generate();
        Pem.writePrivateKey(dir.resolve("wallet-1.key"), k.getPrivate());
        CryptoProvider before = Crypto.providerChoice();
        Crypto.useProvider(CryptoProvider.PLATFORM);
        try {
            Wallet w = WalletKeyFiles.load(dir).get(0);
            assertThat(w.publicKey().getEncoded()).isEqualTo(k.getPublic().getEncoded());
            assertThat(w.publicKey().getClass().getName()).startsWith("sun.security.ec");
        } finally {
            Crypto.useProvider(before);
        }
    }

    @Test
    void walletsComeInWalletNumberOrderAndOtherFilesAreNotWallets() throws Exception {
        for (int n : new int[] {10, 2, 1}) {
            Pem.writePrivateKey(
                    dir.resolve("wallet-" + n + ".key"),
                    org.ebc.crypto.KeyPairs.generate().getPrivate());
        }
        Files.writeString(dir.resolve("wallet-notes.key"), "not a key");
        Files.writeString(dir.resolve("wallets.req"), "not a key either");
        assertThat(WalletKeyFiles.load(dir)).extracting(Wallet::number).containsExactly(1, 2, 10);
    }

    @Test
    void noWalletKeysIsAnEmptyList() {
        assertThat(WalletKeyFiles.load(dir)).isEmpty();
    }

    @Test
    void aWalletKeyGroupOrOthersMayReadIsRefused() throws Exception {
        Path f = dir.resolve("wallet-1.key");
        Pem.writePrivateKey(f, org.ebc.crypto.KeyPairs.generate().getPrivate());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> WalletKeyFiles.load(dir))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("wallet-1.key")
                .hasMessageContaining("too open");
    }

    @Test
    void aWalletFileThatIsNoKeyIsRefusedNamingIt() throws Exception {
        Path f = dir.resolve("wallet-3.key");
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> WalletKeyFiles.load(dir))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("wallet-3.key");
    }
}
