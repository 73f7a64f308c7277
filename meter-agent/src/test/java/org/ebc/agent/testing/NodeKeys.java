package org.ebc.agent.testing;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;

/**
 * A key directory laid out the way enrollment leaves it ({@code node.key} and {@code wallet-N.key} 0600,
 * {@code node.crt}, {@code ca.crt}), with real certificates from a {@link TestAuthority}.
 */
public final class NodeKeys {
    private NodeKeys() {}

    /** Wallet keys an agent's test key directory holds ({@code AgentFiles}). */
    public static final int WALLETS = 2;

    /** Issues a node certificate and writes the key directory; returns the issued key pair and certificate. */
    public static TestAuthority.Issued write(TestAuthority authority, Path keyDir, String nodeId, String meterSerial) {
        TestAuthority.Issued node = authority.node(nodeId, meterSerial);
        Pem.writePrivateKey(keyDir.resolve("node.key"), node.keys().getPrivate());
        Pem.writePublic(keyDir.resolve("node.crt"), node.certificate());
        Pem.writePublic(keyDir.resolve("ca.crt"), authority.root());
        return node;
    }

    /** Writes {@code wallet-1.key} … {@code wallet-n.key}; returns their key pairs in that order. */
    public static List<KeyPair> writeWallets(Path keyDir, int n) {
        List<KeyPair> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            KeyPair k = KeyPairs.generate();
            Pem.writePrivateKey(keyDir.resolve("wallet-" + i + ".key"), k.getPrivate());
            out.add(k);
        }
        return out;
    }
}
