package org.ebc.bench;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.testing.SampleReadings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many OCMF records one core signs and verifies per second: ECDSA P-256 / SHA-256 through Bouncy
 * Castle exactly as {@link Signatures} does it, the JDK's own SunEC provider over the same bytes for
 * comparison, and the gateway's whole ingress check ({@link OcmfVerifier#verifyThenParse}: frame, verify,
 * parse). Run with {@code mvn -B -o -pl shared -Pbench -DskipTests test}; results go to docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class OcmfSignatureBenchmark {

    /** One meter's key, one realistic record (two registers, ~650 bytes), shared by all threads. */
    @State(Scope.Benchmark)
    public static class Meter {
        KeyPair keys;
        OcmfPayload payload;
        byte[] payloadBytes;
        byte[] signature;
        byte[] record;
        PublicKey sunEcPublicKey;

        @Setup
        public void setUp() throws GeneralSecurityException {
            keys = KeyPairs.generate();
            payload = SampleReadings.payload(4711, 12_345_678, 9_876);
            payloadBytes = OcmfCodec.payloadBytes(payload);
            signature = Signatures.sign(keys.getPrivate(), payloadBytes);
            record = OcmfCodec.assemble(payloadBytes, signature);
            // The same key, re-imported through the JDK's provider so SunEC does not have to translate it per call.
            sunEcPublicKey = KeyFactory.getInstance("EC", "SunEC")
                    .generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded()));
            if (!Signatures.verify(keys.getPublic(), payloadBytes, signature)) {
                throw new IllegalStateException("benchmark set-up: the signature does not verify");
            }
        }
    }

    /** A SunEC verifier per thread, the way {@link Signatures} keeps one Bouncy Castle verifier per thread. */
    @State(Scope.Thread)
    public static class SunEc {
        Signature verifier;

        @Setup
        public void setUp() throws GeneralSecurityException {
            verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
        }
    }

    /** Encodes the payload, signs it and frames the record: what the meter agent does per reading. */
    @Benchmark
    public byte[] signRecordBouncyCastle(Meter m) {
        return OcmfCodec.sign(m.payload, m.keys.getPrivate());
    }

    /** The signature check alone, over the exact payload bytes. */
    @Benchmark
    public boolean verifyBouncyCastle(Meter m) {
        return Signatures.verify(m.keys.getPublic(), m.payloadBytes, m.signature);
    }

    /** The same check through the JDK's SunEC provider, for comparison with the choice made in {@code Crypto}. */
    @Benchmark
    public boolean verifySunEc(Meter m, SunEc s) throws GeneralSecurityException {
        s.verifier.initVerify(m.sunEcPublicKey);
        s.verifier.update(m.payloadBytes);
        return s.verifier.verify(m.signature);
    }

    /** The gateway's ingress check of one record: frame, verify the signature, then parse the payload. */
    @Benchmark
    public OcmfResult verifyThenParse(Meter m) {
        return OcmfVerifier.verifyThenParse(m.record, m.keys.getPublic());
    }
}
