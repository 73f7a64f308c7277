package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class KeyPairsTest {
    /**
     * Builds the foreign keys of these tests whichever provider the run has selected: the JDK's SunEC
     * cannot make keys on secp256k1 or on a made-up curve, and the point is what isP256 says about them.
     */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    @Test
    void aGeneratedKeyIsOnP256AndSignsAndVerifies() {
        KeyPair keys = KeyPairs.generate();
        byte[] data = "exact bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(KeyPairs.isP256(keys.getPublic())).isTrue();
        assertThat(Signatures.verify(keys.getPublic(), data, Signatures.sign(keys.getPrivate(), data)))
                .isTrue();
        assertThat(keys.getPublic().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aP256KeyReadThroughTheJdksOwnProviderIsStillP256() throws Exception {
        PublicKey jdk = KeyFactory.getInstance("EC", "SunEC")
                .generatePublic(
                        new X509EncodedKeySpec(KeyPairs.generate().getPublic().getEncoded()));

        assertThat(KeyPairs.isP256(jdk)).isTrue();
    }

    @Test
    void keysOnOtherCurvesOrOfOtherKindsAreNotP256() throws Exception {
        assertThat(KeyPairs.isP256(ecKey("secp384r1"))).isFalse();
        assertThat(KeyPairs.isP256(ecKey("secp256k1"))).isFalse();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThat(KeyPairs.isP256(rsa.generateKeyPair().getPublic())).isFalse();
        assertThat(KeyPairs.isP256(null)).isFalse();
    }

    @Test
    void aKeyOnAnotherCurveOverP256sPrimeIsNotP256() throws Exception {
        // Same field prime, same claimed order and cofactor, different b: only a full comparison of the
        // domain parameters tells it apart from P-256.
        ECParameterSpec p256 = ((ECPublicKey) KeyPairs.generate().getPublic()).getParams();
        EllipticCurve curve = p256.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger b = curve.getB().add(BigInteger.ONE);
        ECPoint point = pointOn(curve.getA(), b, p);
        ECParameterSpec other =
                new ECParameterSpec(new EllipticCurve(curve.getField(), curve.getA(), b), point, p256.getOrder(), 1);

        PublicKey impostor =
                KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePublic(new ECPublicKeySpec(point, other));

        assertThat(KeyPairs.isP256(impostor)).isFalse();
    }

    /** Some point on y² = x³ + ax + b over F_p (p ≡ 3 mod 4, so a square root is a single power). */
    private static ECPoint pointOn(BigInteger a, BigInteger b, BigInteger p) {
        for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
            BigInteger v = x.pow(3).add(a.multiply(x)).add(b).mod(p);
            BigInteger y = v.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            if (y.multiply(y).mod(p).equals(v)) {
                return new ECPoint(x, y);
            }
        }
    }

    private static PublicKey ecKey(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic();
    }
}
