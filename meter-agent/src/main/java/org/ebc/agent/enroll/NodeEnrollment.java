package org.ebc.agent.enroll;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.DirectoryOwner;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;

/**
 * The meter's side of enrollment (DESIGN §2): the node key and the ω wallet keys are generated here, on
 * the device, and only a CSR and a signed wallet-binding request leave it. The key directory holds:
 *
 * <pre>
 * KEYDIR/                 mode 0700; refused if group or others may read or write it
 *   node.key              the node's P-256 private key, PEM as org.ebc.crypto.Pem writes it, mode 0600 (signs readings)
 *   wallet-1.key …        the ω wallet private keys, mode 0600 (sign payments)
 *   node.csr              to the authority: `eag-gateway authority enroll-node --csr node.csr …`
 *   wallets.req           to the authority: `eag-gateway authority bind-wallets --request wallets.req`
 *   node.crt, ca.crt      copied back from the authority (issued/&lt;id&gt;.crt and issued/ca.crt)
 *   crl.pem               optional, copied from the authority; {@link CertificateInstallation} honours it
 * </pre>
 *
 * No private key is written anywhere but KEYDIR, and an existing key is never overwritten: enrolling
 * twice would orphan the certificate the first key was issued. Run as root, everything written is given to
 * KEYDIR's owner ({@link DirectoryOwner}): the package makes {@code /etc/ebc/keys} {@code ebc-meter}'s.
 */
public final class NodeEnrollment {
    public static final String NODE_KEY = "node.key";
    public static final String NODE_CSR = "node.csr";
    public static final String WALLETS_REQUEST = "wallets.req";
    public static final String NODE_CERTIFICATE = "node.crt";
    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String CRL = "crl.pem";
    public static final int DEFAULT_WALLETS = 3;

    private NodeEnrollment() {}

    /** The file of wallet key {@code n} (1-based). */
    public static String walletKeyFile(int n) {
        return "wallet-" + n + ".key";
    }

    /**
     * What enrollment wrote.
     *
     * @param addresses the wallet addresses, in the order of {@code walletKeys}
     */
    public record Result(
            NodeId node,
            MeterSerial meter,
            Path nodeKey,
            List<Path> walletKeys,
            Path csr,
            Path walletsRequest,
            KeyId nodeKeyId,
            List<WalletAddress> addresses) {

        public Result {
            walletKeys = List.copyOf(walletKeys);
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Generates the node key and {@code wallets} wallet keys in {@code keyDir}, and writes
     * {@code node.csr} and {@code wallets.req}.
     *
     * @param wallets ω, 1 to {@value WalletBindingRequest#MAX_WALLETS}
     * @param clock dates the wallet-binding request
     * @throws KeyFileException if {@code keyDir} is too open or already holds an enrollment
     */
    public static Result enroll(Path keyDir, NodeId node, MeterSerial meter, int wallets, Clock clock) {
        if (wallets < 1 || wallets > WalletBindingRequest.MAX_WALLETS) {
            throw new IllegalArgumentException(
                    "the number of wallets must be 1 to " + WalletBindingRequest.MAX_WALLETS + ", not " + wallets);
        }
        KeyDirectory.prepare(keyDir);
        refuseEarlierEnrollment(keyDir);
        KeyPair nodeKeys = KeyPairs.generate();
        List<KeyPair> walletKeys = new ArrayList<>();
        for (int i = 0; i < wallets; i++) {
            walletKeys.add(KeyPairs.generate());
        }
        Path nodeKey = keyDir.resolve(NODE_KEY);
        Pem.writePrivateKey(nodeKey, nodeKeys.getPrivate());
        List<Path> walletFiles = new ArrayList<>();
        List<WalletAddress> addresses = new ArrayList<>();
        for (int i = 0; i < wallets; i++) {
            Path f = keyDir.resolve(walletKeyFile(i + 1));
            Pem.writePrivateKey(f, walletKeys.get(i).getPrivate());
            walletFiles.add(f);
            addresses.add(WalletAddress.of(walletKeys.get(i).getPublic()));
        }
        Path csr = keyDir.resolve(NODE_CSR);
        // The authority takes the true identity from its operator, never from the request: none is sent.
        Pem.writePublic(csr, Csrs.create(nodeKeys, CertificateSubject.node(node.value(), null, meter.value())));
        Path request = keyDir.resolve(WALLETS_REQUEST);
        writeAtomically(request, WalletBindingRequest.create(node, nodeKeys, walletKeys, clock.instant()));
        return new Result(node, meter, nodeKey, walletFiles, csr, request, KeyId.of(nodeKeys.getPublic()), addresses);
    }

    /** Refuses before anything is generated, so a refused enrollment leaves the directory as it was. */
    private static void refuseEarlierEnrollment(Path keyDir) {
        for (String name : new String[] {NODE_KEY, NODE_CSR, WALLETS_REQUEST}) {
            Path p = keyDir.resolve(name);
            if (Files.exists(p)) {
                throw new KeyFileException(
                        p,
                        "already exists: this device is already enrolled; refusing to overwrite its keys"
                                + " (move the directory's contents away to enroll again, and revoke the old certificate)");
            }
        }
        try (DirectoryStream<Path> ws = Files.newDirectoryStream(keyDir, "wallet-*.key")) {
            Iterator<Path> any = ws.iterator();
            if (any.hasNext()) {
                throw new KeyFileException(
                        any.next(), "already exists: refusing to overwrite a wallet key (coins may be held under it)");
            }
        } catch (IOException e) {
            throw new KeyFileException(keyDir, "cannot list directory: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            DirectoryOwner.adopt(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
