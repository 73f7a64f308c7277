package org.ebc.agent.testing;

import java.nio.file.Path;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;

/**
 * A key directory laid out the way enrollment leaves it ({@code node.key} 0600, {@code node.crt},
 * {@code ca.crt}), with real certificates from a {@link TestAuthority}.
 */
public final class NodeKeys {
    private NodeKeys() {}

    /** Issues a node certificate and writes the key directory; returns the issued key pair and certificate. */
    public static TestAuthority.Issued write(TestAuthority authority, Path keyDir, String nodeId, String meterSerial) {
        TestAuthority.Issued node = authority.node(nodeId, meterSerial);
        Pem.writePrivateKey(keyDir.resolve("node.key"), node.keys().getPrivate());
        Pem.writePublic(keyDir.resolve("node.crt"), node.certificate());
        Pem.writePublic(keyDir.resolve("ca.crt"), authority.root());
        return node;
    }
}
