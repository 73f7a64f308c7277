package org.ebc.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.gateway.storage.CommitReport;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.Test;

/** Acknowledgements are signed envelopes an agent can verify with the EAG certificate. */
class AckPublisherTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    private final TestAuthority.Issued eag = authority.eag("eag-1");
    private final KeyId keyId = KeyId.of(eag.certificate().getPublicKey());
    private final Map<String, byte[]> published = new ConcurrentHashMap<>();

    private AckPublisher publisher(boolean channelUp) {
        return new AckPublisher(
                EagId.of("eag-1"),
                eag.keys().getPrivate(),
                keyId,
                Clock.fixed(NOW, ZoneOffset.UTC),
                (topic, payload, wait) -> {
                    if (channelUp) {
                        published.put(topic, payload);
                    }
                    return channelUp;
                },
                10);
    }

    private static CommitReport.NodeOutcome outcome() {
        Rejection r = new Rejection(
                RejectReason.REGISTER_DECREASED,
                "import went down",
                NodeId.of("alice"),
                "t",
                9L,
                600,
                NOW,
                true,
                "00ff00ff00ff00ff");
        return new CommitReport.NodeOutcome(NodeId.of("alice"), 42, List.of(1L, 2L, 3L, 5L, 7L, 8L), List.of(r));
    }

    @Test
    void anAcknowledgementVerifiesWithTheEagCertificateAndSaysWhatWasCommittedAndRefused() {
        AckPublisher p = publisher(true).start();
        p.enqueue(List.of(outcome()));
        await().until(() -> p.sent() == 1);
        p.close();

        byte[] wire = published.get(Topics.ack(EagId.of("eag-1"), NodeId.of("alice")));
        EnvelopeResult verified = EnvelopeCodec.verify(
                wire, id -> id.equals(keyId) ? Optional.of(eag.certificate().getPublicKey()) : Optional.empty());
        assertThat(verified.isOk()).isTrue();
        Ack ack = Ack.fromEnvelope(verified.envelope()).orElseThrow();
        assertThat(ack.eag()).isEqualTo(EagId.of("eag-1"));
        assertThat(ack.node()).isEqualTo(NodeId.of("alice"));
        assertThat(ack.seq()).isEqualTo(42);
        assertThat(ack.timestampMillis()).isEqualTo(NOW.toEpochMilli());
        assertThat(ack.committed())
                .containsExactly(new Ack.PageRange(1, 3), new Ack.PageRange(5, 5), new Ack.PageRange(7, 8));
        assertThat(ack.rejected())
                .containsExactly(
                        new Ack.Rejection(9, "REGISTER_DECREASED", "import went down [sha256 00ff00ff00ff00ff]"));
    }

    @Test
    void anAcknowledgementThatCannotBeSentIsDroppedAndCounted() {
        AckPublisher p = publisher(false).start();
        p.enqueue(List.of(outcome(), outcome()));
        await().until(() -> p.dropped() == 2);
        p.close();

        assertThat(p.sent()).isZero();
        assertThat(published).isEmpty();
    }
}
