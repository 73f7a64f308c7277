package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.ledger.Registrations;
import org.ebc.ledger.RegistrationsReason;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** An EAG holds the newest registrations that verify, keeps them before using them, and passes each one on once. */
class RegistrationFeedTest {
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final TestAuthority AUTHORITY = TestAuthority.create("grid-authority", T0);
    static final EagId HERE = EagId.of("eag-here");
    static final EagId THERE = EagId.of("eag-there");
    static final WalletAddress LOCAL = address();
    static final WalletAddress REMOTE = address();

    /** A store that remembers what it was asked to keep. */
    static final class Kept implements RegistrationStore {
        final List<Long> seqs = new ArrayList<>();
        byte @Nullable [] last;

        @Override
        public Optional<byte[]> newest() {
            return Optional.ofNullable(last);
        }

        @Override
        public void keep(long seq, byte[] document, long receivedAtMillis) {
            seqs.add(seq);
            last = document;
        }
    }

    static WalletAddress address() {
        return WalletAddress.of(KeyPairs.generate().getPublic());
    }

    static byte[] signed(long seq, TestAuthority by, Registrations.Node... nodes) {
        KeyPair k = by.rootKeys();
        return Registrations.sign(
                "grid-authority", seq, T0.toEpochMilli(), List.of(nodes), k.getPrivate(), KeyId.of(k.getPublic()));
    }

    static Registrations.Node remote(@Nullable Long revokedAt) {
        return new Registrations.Node(NodeId.of("node-remote"), THERE, revokedAt, List.of(REMOTE));
    }

    final InMemoryEnrollments local = InMemoryEnrollments.EMPTY.with(NodeId.of("node-local"), HERE, List.of(LOCAL));
    final Kept store = new Kept();
    final RegistrationFeed feed = new RegistrationFeed(AUTHORITY.root(), store, local, CLOCK);
    final List<Long> passedOn = new ArrayList<>();

    {
        feed.onAdopted(r -> passedOn.add(r.seq()));
    }

    @Test
    void aNodeEnrolledAtAnotherEagIsKnownWithItsHomeOnceTheAuthoritysRegistrationsArrive() {
        assertThat(feed.homeEag(REMOTE)).isEmpty();

        RegistrationFeed.Offer o = feed.offer(signed(1, AUTHORITY, remote(null)), "EAG eag-there");

        assertThat(o.verdict()).isEqualTo(RegistrationFeed.Verdict.ADOPTED);
        assertThat(feed.homeEag(REMOTE)).contains(THERE);
        assertThat(feed.node(REMOTE)).contains(NodeId.of("node-remote"));
        assertThat(feed.isRegistered(NodeId.of("node-remote"))).isTrue();
        assertThat(feed.revokedAt(NodeId.of("node-remote"))).isEmpty();
        assertThat(feed.homeEag(LOCAL))
                .as("this gateway's own nodes, not yet listed")
                .contains(HERE);
        assertThat(store.seqs).containsExactly(1L);
        assertThat(passedOn).containsExactly(1L);
    }

    @Test
    void aNewerRevisionReplacesTheOneHeldAndAnOlderOrTheSameOneChangesNothing() {
        feed.offer(signed(1, AUTHORITY, remote(null)), "a");
        feed.offer(signed(3, AUTHORITY, remote(T0.toEpochMilli())), "b");

        assertThat(feed.offer(signed(2, AUTHORITY, remote(null)), "c").verdict())
                .isEqualTo(RegistrationFeed.Verdict.OLDER);
        assertThat(feed.offer(java.util.Objects.requireNonNull(store.last), "d").verdict())
                .isEqualTo(RegistrationFeed.Verdict.ALREADY_HELD);
        assertThat(feed.revokedAt(NodeId.of("node-remote")).getAsLong()).isEqualTo(T0.toEpochMilli());
        assertThat(feed.isRegistered(NodeId.of("node-remote")))
                .as("what it did before stays valid")
                .isTrue();
        assertThat(store.seqs).containsExactly(1L, 3L);
        assertThat(passedOn).as("each revision passed on once").containsExactly(1L, 3L);
        assertThat(feed.count(RegistrationFeed.Verdict.OLDER)).isEqualTo(1);
        assertThat(feed.count(RegistrationFeed.Verdict.ALREADY_HELD)).isEqualTo(1);
    }

    @Test
    void registrationsSignedByAnotherAuthorityOrDamagedAreRefusedWithTheirReasonAndChangeNothing() {
        TestAuthority impostor = TestAuthority.create("grid-authority", T0);
        byte[] good = signed(5, AUTHORITY, remote(null));
        byte[] damaged = good.clone();
        damaged[damaged.length / 2] ^= 1;

        RegistrationFeed.Offer forged = feed.offer(signed(9, impostor, remote(null)), "EAG eag-evil");
        RegistrationFeed.Offer broken = feed.offer(damaged, "EAG eag-evil");

        assertThat(forged.verdict()).isEqualTo(RegistrationFeed.Verdict.REFUSED);
        assertThat(forged.reason()).isEqualTo(RegistrationsReason.NOT_FROM_AUTHORITY);
        assertThat(broken.verdict()).isEqualTo(RegistrationFeed.Verdict.REFUSED);
        assertThat(feed.current()).isEmpty();
        assertThat(feed.homeEag(REMOTE)).isEmpty();
        assertThat(store.seqs).isEmpty();
        assertThat(feed.count(RegistrationFeed.Verdict.REFUSED)).isEqualTo(2);
        assertThat(feed.offer(good, "EAG eag-there").verdict()).isEqualTo(RegistrationFeed.Verdict.ADOPTED);
    }

    @Test
    void anotherDocumentWithTheRevisionHeldIsRefusedAsADuplicate() {
        feed.offer(signed(4, AUTHORITY, remote(null)), "a");

        RegistrationFeed.Offer o = feed.offer(signed(4, AUTHORITY, remote(1L)), "b");

        assertThat(o.reason()).isEqualTo(RegistrationsReason.DUPLICATE);
        assertThat(feed.revokedAt(NodeId.of("node-remote"))).isEmpty();
    }

    @Test
    void theRegistrationsSayWhereANodeIsAtHomeEvenIfThisGatewaysPoolAlsoKnowsIt() {
        feed.offer(
                signed(1, AUTHORITY, new Registrations.Node(NodeId.of("node-local"), THERE, null, List.of(LOCAL))),
                "a");

        assertThat(feed.homeEag(LOCAL)).as("moved by the authority").contains(THERE);
    }

    @Test
    void aRestartedEagValidatesWithTheRegistrationsItKept() {
        feed.offer(signed(2, AUTHORITY, remote(null)), "a");

        RegistrationFeed restarted = new RegistrationFeed(AUTHORITY.root(), store, InMemoryEnrollments.EMPTY, CLOCK);

        assertThat(restarted.current().orElseThrow().seq()).isEqualTo(2);
        assertThat(restarted.homeEag(REMOTE)).contains(THERE);
    }
}
