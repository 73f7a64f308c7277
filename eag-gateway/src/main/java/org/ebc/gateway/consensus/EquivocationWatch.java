package org.ebc.gateway.consensus;

import java.util.Objects;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.consensus.EvidenceReport;
import org.ebc.consensus.RoundMessage;
import org.ebc.consensus.Signed;

/**
 * Files every vote this EAG learns of (received, or embedded in an audit, a justification or a
 * certificate) and catches equivocation: a second vote of one EAG, kind, height and round that names
 * another block. The first sighting of each is reported to the ledger ({@link
 * ConsensusEvents#equivocation}) and broadcast as a {@code cs-evidence}; repeats are just duplicates.
 */
final class EquivocationWatch {
    private final Consortium consortium;
    private final ConsensusEvents events;
    private final Outbox outbox;
    private final EvidenceLog reported = new EvidenceLog();

    EquivocationWatch(Consortium consortium, ConsensusEvents events, Outbox outbox) {
        this.consortium = consortium;
        this.events = events;
        this.outbox = outbox;
    }

    /** Files {@code vote}: accepted if new, a duplicate if the same again, equivocation if different. */
    <T extends RoundMessage> Handled file(RoundVotes<T> votes, Signed<T> vote) {
        Signed<T> earlier = votes.putIfAbsent(vote);
        if (earlier == null) {
            return Handled.ACCEPTED;
        }
        RoundMessage a = earlier.payload();
        RoundMessage b = vote.payload();
        if (Objects.equals(a.block(), b.block())) {
            return Handled.of(Verdict.DUPLICATE, "the same " + b.kind().typ() + " again");
        }
        if (reported.firstSighting(b.from(), b.kind(), b.height(), b.round())) {
            Equivocation e = new Equivocation(earlier.raw(), vote.raw());
            EvidenceCheck check = e.check(consortium);
            if (check.isProven()) {
                events.equivocation(e, check);
                outbox.report(b.height(), b.round(), b.from(), e);
            }
        }
        return Handled.of(
                Verdict.EQUIVOCATION,
                b.from() + " signed a second " + b.kind().typ() + " at h=" + b.height() + " r=" + b.round());
    }

    /** Another EAG's report: filed if its two messages prove what it claims and it is news here. */
    Handled onReport(EvidenceReport report) {
        EvidenceCheck check = report.evidence().check(consortium);
        if (!check.isProven()
                || !report.accused().equals(check.accused())
                || report.height() != check.height()
                || report.round() != check.round()) {
            return Handled.of(
                    Verdict.EVIDENCE_FALSE,
                    "the report does not prove its claim: " + check.reason() + " " + check.detail());
        }
        if (!reported.firstSighting(
                report.accused(), Objects.requireNonNull(check.kind()), report.height(), report.round())) {
            return Handled.of(Verdict.DUPLICATE, "this equivocation is known here");
        }
        events.equivocation(report.evidence(), check);
        return Handled.ACCEPTED;
    }

    @Override
    public String toString() {
        return "EquivocationWatch[" + consortium + "]";
    }
}
