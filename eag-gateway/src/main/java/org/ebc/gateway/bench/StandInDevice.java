package org.ebc.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.gateway.authority.EnrolledNode;
import org.ebc.gateway.authority.NodeApplication;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletBindingRequest;

/**
 * The bench standing in for one device's enrollment: the node key and {@value #WALLETS} wallet keys are
 * generated in the node's own key directory (mode 0700, keys 0600), never anywhere else, and the
 * directory ends up as {@code meter-agent enroll} and the operator's copy-back leave it:
 * {@code node.key}, {@code wallet-N.key}, {@code node.csr}, {@code wallets.req}, then {@code node.crt}
 * and {@code ca.crt} from the authority. See the package documentation for why the agent's own
 * enrollment code is not used.
 *
 * @param node the node id the CSR asks for
 * @param meterSerial the meter serial the CSR asks for
 * @param keyDir the node's key directory ({@code key.dir} of its agent)
 */
public record StandInDevice(NodeId node, String meterSerial, Path keyDir) {
    /** ω, as {@code meter-agent enroll} creates by default. */
    public static final int WALLETS = 3;

    static final String NODE_KEY = "node.key";
    static final String NODE_CSR = "node.csr";
    static final String WALLETS_REQUEST = "wallets.req";
    static final String NODE_CERTIFICATE = "node.crt";
    static final String CA_CERTIFICATE = "ca.crt";

    /**
     * Generates the keys and writes the CSR and the signed wallet-binding request.
     *
     * @param trueIdentity what the authority's operator would have checked (the bench invents one)
     * @return what the device brings to the authority
     */
    public NodeApplication enroll(String trueIdentity, Clock clock) {
        KeyDirectory.prepare(keyDir);
        if (Files.exists(keyDir.resolve(NODE_KEY))) {
            throw new KeyFileException(
                    keyDir.resolve(NODE_KEY), "already exists; a bench always starts from an empty directory");
        }
        KeyPair nodeKeys = KeyPairs.generate();
        Pem.writePrivateKey(keyDir.resolve(NODE_KEY), nodeKeys.getPrivate());
        List<KeyPair> wallets = new ArrayList<>();
        for (int i = 1; i <= WALLETS; i++) {
            KeyPair w = KeyPairs.generate();
            Pem.writePrivateKey(keyDir.resolve("wallet-" + i + ".key"), w.getPrivate());
            wallets.add(w);
        }
        var csr = Csrs.create(nodeKeys, CertificateSubject.node(node.value(), null, meterSerial));
        Pem.writePublic(keyDir.resolve(NODE_CSR), csr);
        byte[] request = WalletBindingRequest.create(node, nodeKeys, wallets, clock.instant());
        try {
            Files.write(keyDir.resolve(WALLETS_REQUEST), request);
        } catch (IOException e) {
            throw new KeyFileException(keyDir.resolve(WALLETS_REQUEST), "cannot write: " + e.getMessage(), e);
        }
        return new NodeApplication(csr, trueIdentity, request);
    }

    /** Copies the certificate and the authority's root back into the key directory, as the operator would. */
    public void install(EnrolledNode enrolled) {
        copy(enrolled.certificate().certificateFile(), keyDir.resolve(NODE_CERTIFICATE));
        copy(enrolled.certificate().authorityFile(), keyDir.resolve(CA_CERTIFICATE));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new KeyFileException(to, "cannot copy " + from + ": " + e.getMessage(), e);
        }
    }
}
