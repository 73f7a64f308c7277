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
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyAgreement;
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
 * with it the address) is computed from it, {@code Q = d·G} on P-256, with nothing but the selected JCA
 * provider (SunEC on the agent: no further classes at start), and checked by signing and verifying a probe.
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
        byte[] probe = ("ebc wallet key check " + number).getBytes(StandardCharsets.US_ASCII);
        PublicKey pub = publicKeyOf(file, key, probe, Signatures.sign(key, probe));
        return new Wallet(number, WalletAddress.of(pub), pub, key);
    }

    /**
     * {@code Q = d·G} on P-256, as a JCA public key of the selected provider, with the provider's own ECDH:
     * the agreement of {@code d} with the generator {@code G} is the x-coordinate of {@code d·G} (computed in the
     * provider's constant-time code; nothing secret goes through {@code BigInteger}). Of the two points with that
     * x, the one whose key verifies a signature made with {@code d} is the public key.
     */
    static PublicKey publicKeyOf(Path file, PrivateKey key, byte[] probe, byte[] probeSignature) {
        if (!(key instanceof ECPrivateKey ec) || ec.getParams() == null) {
            throw new KeyFileException(file, "not an EC private key (" + key.getAlgorithm() + ")");
        }
        ECParameterSpec params = ec.getParams();
        if (!(params.getCurve().getField() instanceof ECFieldFp field)) {
            throw new KeyFileException(file, "not a P-256 key");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", Crypto.provider());
            PublicKey generator = factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params));
            if (!KeyPairs.isP256(generator)) {
                throw new KeyFileException(file, "not a P-256 key");
            }
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Crypto.provider());
            agreement.init(key);
            agreement.doPhase(generator, true);
            BigInteger x = new BigInteger(1, agreement.generateSecret());
            // y² = x³ + a·x + b (mod p); P-256's p ≡ 3 (mod 4), so a square root is (y²)^((p+1)/4).
            BigInteger p = field.getP();
            BigInteger ySquared = x.pow(3)
                    .add(params.getCurve().getA().multiply(x))
                    .add(params.getCurve().getB())
                    .mod(p);
            BigInteger y = ySquared.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            for (BigInteger candidate : new BigInteger[] {y, p.subtract(y)}) {
                PublicKey pub = factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), params));
                if (Signatures.verify(pub, probe, probeSignature)) {
                    return pub;
                }
            }
            throw new KeyFileException(file, "no public key verifies a signature made with this private key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFileException(file, "cannot form its public key: " + e.getMessage(), e);
        }
    }
}
