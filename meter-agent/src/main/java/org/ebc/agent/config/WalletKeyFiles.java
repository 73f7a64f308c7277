package org.ebc.agent.config;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.ebc.agent.trading.Wallet;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Signatures;
import org.ebc.wallet.WalletAddress;

/**
 * The node's wallet keys as enrollment leaves them in the key directory: {@code wallet-1.key} …
 * {@code wallet-N.key}, PKCS#8 P-256 private keys, mode 0600 (a more open file is refused, as for
 * {@code node.key}). A PKCS#8 file written by the JDK holds the private scalar only, so the public key (and
 * with it the address) is computed from it: {@code Q = d·G} on P-256, with Bouncy Castle's constant-time comb
 * multiplier (its arithmetic classes only; its JCA provider stays unloaded), then checked by signing and
 * verifying a probe.
 *
 * <p>Stateless; thread-safe.
 */
public final class WalletKeyFiles {
    private static final Pattern NAME = Pattern.compile("wallet-([1-9][0-9]{0,2})\\.key");

    private WalletKeyFiles() {}

    /**
     * The wallets in {@code keyDir}, by wallet number; empty if there are none.
     *
     * @throws KeyFileException naming the file that cannot be used
     */
    public static List<Wallet> load(Path keyDir) {
        List<Wallet> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(keyDir, "wallet-*.key")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(load(f, Integer.parseInt(m.group(1))));
                }
            }
        } catch (IOException e) {
            throw new KeyFileException(keyDir, "cannot list the wallet keys: " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparingInt(Wallet::number));
        return out;
    }

    static Wallet load(Path file, int number) {
        PrivateKey key = Pem.readPrivateKey(file);
        PublicKey pub = publicKeyOf(file, key);
        byte[] probe = ("ebc wallet key check " + number).getBytes(StandardCharsets.US_ASCII);
        if (!Signatures.verify(pub, probe, Signatures.sign(key, probe))) {
            throw new KeyFileException(
                    file, "the public key computed from this private key does not verify its signature");
        }
        return new Wallet(number, WalletAddress.of(pub), pub, key);
    }

    /** {@code d·G} on P-256, as a JCA public key of the selected provider. */
    static PublicKey publicKeyOf(Path file, PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec)) {
            throw new KeyFileException(file, "not an EC private key (" + key.getAlgorithm() + ")");
        }
        ECParameterSpec params = ec.getParams();
        SecP256R1Curve curve = new SecP256R1Curve();
        if (params == null || !curve.getOrder().equals(params.getOrder())) {
            throw new KeyFileException(file, "not a P-256 key");
        }
        BigInteger d = ec.getS();
        ECPoint g = params.getGenerator();
        org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier()
                .multiply(curve.createPoint(g.getAffineX(), g.getAffineY()), d)
                .normalize();
        try {
            PublicKey pub = KeyFactory.getInstance("EC", Crypto.provider())
                    .generatePublic(new ECPublicKeySpec(
                            new ECPoint(
                                    q.getAffineXCoord().toBigInteger(),
                                    q.getAffineYCoord().toBigInteger()),
                            params));
            if (!KeyPairs.isP256(pub)) {
                throw new KeyFileException(file, "not a P-256 key");
            }
            return pub;
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file, "cannot form its public key: " + e.getMessage(), e);
        }
    }
}
