package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ebc.consensus.Audit;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Signed;
import org.ebc.gateway.consensus.harness.CoreFixture;
import org.ebc.gateway.consensus.harness.FakeBlock;
import org.ebc.gateway.consensus.harness.InMemoryJournalAccess;
import org.junit.jupiter.api.Test;

/** A restarted EAG stands by what it signed: it never signs a different vote in the same round, and keeps its lock. */
class JournalRestartTest {

    private static Audit lastAudit(CoreFixture f) {
        List<CoreFixture.Sent> audits = f.sent(MessageKind.AUDIT);
        return ConsensusCodec.decode(audits.get(audits.size() - 1).raw(), f.consortium, CoreFixture.MAX_MESSAGE_BYTES)
                .signed()
                .as(Audit.class)
                .orElseThrow()
                .payload();
    }

    @Test
    void aRestartedEagResendsTheAuditItSignedAndSignsNoOtherInThatRound() {
        CoreFixture before = new CoreFixture().started();
        FakeBlock x = before.block(1, 1);
        before.core.onMessage(before.proposed(1, 0, x, -1, List.of()).raw());
        byte[] signed = before.sent(MessageKind.AUDIT).get(0).raw();

        CoreFixture after = new CoreFixture(before.journal).started();
        FakeBlock y = after.block(1, 2);
        after.core.onMessage(after.proposed(2, 0, y, -1, List.of()).raw());

        assertThat(after.sent(MessageKind.AUDIT))
                .singleElement()
                .satisfies(s -> assertThat(s.raw())
                        .as("the same bytes, not a new signature")
                        .isEqualTo(signed));
        assertThat(lastAudit(after).block()).isEqualTo(x.hash());
    }

    @Test
    void aRestartedEagKeepsItsLockAndRefusesAFreshBlockInALaterRound() {
        CoreFixture before = new CoreFixture().started();
        FakeBlock x = before.block(1, 1);
        var p = before.proposed(1, 0, x, -1, List.of());
        before.core.onMessage(p.raw());
        before.core.onMessage(before.audit(1, p.payload().proposal()).raw());
        before.core.onMessage(before.audit(2, p.payload().proposal()).raw());
        assertThat(before.sent(MessageKind.REPLY)).as("locked and replied").hasSize(1);

        CoreFixture after = new CoreFixture(before.journal).started();
        assertThat(after.core.lockedRound()).isZero();
        // Round 1 at height 1 is eag-2's; it proposes a fresh block with no justification.
        after.core.onTimer(new TimerKey(TimerKind.REPLY, 1, 0));
        FakeBlock y = after.block(1, 3);
        after.core.onMessage(after.proposed(2, 1, y, -1, List.of()).raw());

        Audit a = lastAudit(after);
        assertThat(a.round()).isEqualTo(1);
        assertThat(a.block()).as("nil: locked on the block of round 0").isNull();
        assertThat(a.note()).contains("locked");
    }

    @Test
    void aJournalThatDoesNotReadBackStopsTheStartRatherThanRiskAConflictingVote() {
        CoreFixture before = new CoreFixture();
        InMemoryJournalAccess.recordGarbage(before.journal, 1);
        assertThatThrownBy(() -> new CoreFixture(before.journal).started())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("journal");
    }

    @Test
    void votesOfAHeightAreForgottenOnceItIsCommitted() {
        CoreFixture f = new CoreFixture().started();
        FakeBlock x = f.block(1, 1);
        f.core.onMessage(f.proposed(1, 0, x, -1, List.of()).raw());
        assertThat(f.journal.signed(1)).isNotEmpty();

        Signed<?> commit = f.commit(1, f.certificate(1, 0, x.hash(), 1, 2, 3));
        f.core.onMessage(commit.raw());

        assertThat(f.journal.signed(1)).isEmpty();
        assertThat(f.journal.valid(1)).isEmpty();
    }
}
