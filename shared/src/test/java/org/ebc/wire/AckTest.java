package org.ebc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeReason;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

class AckTest {
    private static final KeyPair EAG = KeyPairs.generate();

    private static Optional<PublicKey> keys(KeyId id) {
        return id.equals(KeyId.of(EAG.getPublic())) ? Optional.of(EAG.getPublic()) : Optional.empty();
    }

    private static EnvelopeResult signedAndVerified(byte[] payload) {
        return EnvelopeCodec.verify(
                EnvelopeCodec.sign(payload, EAG.getPrivate(), KeyId.of(EAG.getPublic())), AckTest::keys);
    }

    @Test
    void anAcknowledgementTravelsInASignedEnvelopeAndReadsBackUnchanged() {
        Ack ack = new Ack(
                EagId.of("eag-1"),
                NodeId.of("node-1"),
                9,
                1_795_766_400_000L,
                Ack.ranges(List.of(1L, 2L, 3L, 7L)),
                List.of(new Ack.Rejection(5, "BAD_SIGNATURE", "signature does not verify")));

        EnvelopeResult r = signedAndVerified(ack.payloadBytes());

        assertThat(r.reason()).isEqualTo(EnvelopeReason.OK);
        assertThat(Ack.fromEnvelope(r.envelope())).contains(ack);
    }

    @Test
    void pagesCollapseIntoInclusiveRangesWhateverTheirOrderAndRepeats() {
        assertThat(Ack.ranges(List.of(7L, 1L, 3L, 2L, 2L, 9L, 8L)))
                .containsExactly(new Ack.PageRange(1, 3), new Ack.PageRange(7, 9));
        assertThat(Ack.ranges(List.of())).isEmpty();
        assertThat(new Ack.PageRange(4, 6).contains(6)).isTrue();
        assertThat(new Ack.PageRange(4, 6).contains(7)).isFalse();
        assertThatThrownBy(() -> new Ack.PageRange(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ack.PageRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedEnvelopeThatIsNotAWellFormedAcknowledgementReadsAsNone() {
        for (String payload : List.of(
                "{\"typ\":\"order\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag/1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"committed\":[],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[[2,1]],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[[1.5,2]],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[[1,1e99999999]],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[[0,1]],\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":{},\"rejected\":[]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[],\"rejected\":[{\"pg\":0,\"reason\":\"X\"}]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[],\"rejected\":[{\"pg\":3}]}",
                "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"node\":\"node-1\",\"committed\":[],\"rejected\":[7]}")) {
            EnvelopeResult r = signedAndVerified(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.reason()).as(payload).isEqualTo(EnvelopeReason.OK);
            assertThat(Ack.fromEnvelope(r.envelope())).as(payload).isEmpty();
        }
    }
}
