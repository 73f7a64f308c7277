package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    private static final KeyPair KEYS = KeyPairs.generate();
    private static final byte[] DATA = "OCMF payload bytes".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSignatureVerifiesOverExactlyTheSignedBytesWithTheSignersKeyOnly() {
        byte[] sig = Signatures.sign(KEYS.getPrivate(), DATA);

        assertThat(Signatures.verify(KEYS.getPublic(), DATA, sig)).isTrue();
        assertThat(Signatures.verify(KeyPairs.generate().getPublic(), DATA, sig))
                .isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), "OCMF payload bytez".getBytes(StandardCharsets.US_ASCII), sig))
                .isFalse();
    }

    @Test
    void garbageNullsAndForeignKeysAreNotValidAndNeverThrow() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] sig = Signatures.sign(KEYS.getPrivate(), DATA);

        assertThat(Signatures.verify(null, DATA, sig)).isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), null, sig)).isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, null)).isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, new byte[7])).isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, new byte[81])).isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, new byte[] {0x30, 6, 2, 1, 0, 2, 1, 0}))
                .as("r = s = 0")
                .isFalse();
        assertThat(Signatures.verify(rsa.generateKeyPair().getPublic(), DATA, sig))
                .isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, sig))
                .as("the verifier still works after all that")
                .isTrue();
    }

    @Test
    void aSignatureWithAnExtraLeadingZeroOrTrailingByteIsNotValid() {
        byte[] sig = Signatures.sign(KEYS.getPrivate(), DATA);
        ASN1Sequence seq = ASN1Sequence.getInstance(sig);
        byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);

        assertThat(Signatures.verify(KEYS.getPublic(), DATA, trailing)).isFalse();
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, paddedR(seq)))
                .as("non-minimal DER for r")
                .isFalse();
    }

    /**
     * ECDSA is malleable: (r, n−s) verifies wherever (r, s) does, and openssl signs without normalising s.
     * So two different byte strings can carry one signed reading; a reading's identity is its meter and page
     * (which the gateway checks for replays), never the bytes of its signature or of the whole record.
     */
    @Test
    void ecdsaSignaturesAreMalleableSoARecordIsIdentifiedByMeterAndPageNeverByItsBytes() throws Exception {
        byte[] sig = Signatures.sign(KEYS.getPrivate(), DATA);
        ASN1Sequence seq = ASN1Sequence.getInstance(sig);
        BigInteger n = ((ECPublicKey) KEYS.getPublic()).getParams().getOrder();
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(seq.getObjectAt(0));
        v.add(new ASN1Integer(
                n.subtract(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue())));
        byte[] twin = new DERSequence(v).getEncoded();

        assertThat(twin).isNotEqualTo(sig);
        assertThat(Signatures.verify(KEYS.getPublic(), DATA, twin)).isTrue();
    }

    private static byte[] paddedR(ASN1Sequence seq) {
        byte[] r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue().toByteArray();
        byte[] s;
        try {
            s = seq.getObjectAt(1).toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] rPadded = new byte[r.length + 1];
        System.arraycopy(r, 0, rPadded, 1, r.length);
        byte[] body = new byte[2 + rPadded.length + s.length];
        body[0] = 0x02;
        body[1] = (byte) rPadded.length;
        System.arraycopy(rPadded, 0, body, 2, rPadded.length);
        System.arraycopy(s, 0, body, 2 + rPadded.length, s.length);
        byte[] out = new byte[2 + body.length];
        out[0] = 0x30;
        out[1] = (byte) body.length;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }
}
