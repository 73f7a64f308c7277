package org.ebc.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.testing.GoldenVectors;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.Test;

/** A committed signed envelope (an acknowledgement) with known bytes, key and signature. Fix the code, not the vector. */
class EnvelopeGoldenVectorTest {
    /** What envelope-ack.txt was made from (see golden/README.md). */
    private static final Ack GOLDEN = new Ack(
            EagId.of("eag-1"),
            NodeId.of("node-17"),
            3,
            1_795_767_300_250L,
            List.of(new Ack.PageRange(1, 40), new Ack.PageRange(42, 42)),
            List.of(new Ack.Rejection(41, "BAD_SIGNATURE", "signature does not verify")));

    private final byte[] envelope = GoldenVectors.bytes("envelope-ack.txt");
    private final PublicKey eagKey = GoldenVectors.publicKey("envelope-signer-public-key.pem");

    private Optional<PublicKey> keys(KeyId id) {
        return id.equals(KeyId.of(eagKey)) ? Optional.of(eagKey) : Optional.empty();
    }

    @Test
    void theGoldenEnvelopeStillVerifiesAndReadsBackAsTheSameAcknowledgement() {
        EnvelopeResult r = EnvelopeCodec.verify(envelope, this::keys);

        assertThat(r.reason()).isEqualTo(EnvelopeReason.OK);
        SignedEnvelope e = r.envelope();
        assertThat(e.type()).isEqualTo("ack");
        assertThat(e.from()).isEqualTo("eag-1");
        assertThat(e.seq()).isEqualTo(3);
        assertThat(e.timestampMillis()).isEqualTo(1_795_767_300_250L);
        assertThat(e.keyId()).isEqualTo(KeyId.of(eagKey));
        assertThat(e.keyId().hex()).isEqualTo("0433d0d05d4a1917613b07704ece731a");
        Ack ack = Ack.fromEnvelope(e).orElseThrow();
        assertThat(ack).isEqualTo(GOLDEN);
        assertThat(ack.committed())
                .extracting(Ack.PageRange::first, Ack.PageRange::last)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 40L), org.assertj.core.groups.Tuple.tuple(42L, 42L));
        assertThat(ack.rejected()).containsExactly(new Ack.Rejection(41, "BAD_SIGNATURE", "signature does not verify"));
    }

    @Test
    void todaysEncoderWritesTheGoldenPayloadAndFrameByteForByte() {
        SignedEnvelope golden =
                EnvelopeCodec.frame(envelope, EnvelopeCodec.DEFAULT_MAX_BYTES).envelope();

        assertThat(new String(GOLDEN.payloadBytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden.payloadBytes(), StandardCharsets.UTF_8));
        assertThat(GOLDEN.payloadBytes()).isEqualTo(golden.payloadBytes());
        assertThat(EnvelopeCodec.assemble(golden.payloadBytes(), golden.keyId(), golden.signatureDer()))
                .isEqualTo(envelope);
    }

    @Test
    void theGoldenEnvelopeIsFromAnUnknownKeyWhenItsSignerIsNotKnown() {
        assertThat(EnvelopeCodec.verify(envelope, id -> Optional.empty()).reason())
                .isEqualTo(EnvelopeReason.UNKNOWN_KEY);
    }
}
