package org.ebc.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ebc.ocmf.ClockStatus;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.Power;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.Test;

/** The page counter and register decision against what is stored, with the in-memory meter history. */
class SequenceJudgeTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private final InMemoryMeterHistory history = new InMemoryMeterHistory();
    private final SequenceJudge judge = new SequenceJudge(node -> Power.ofWatts(43_470));

    private static VerifiedReading reading(long page, long importWh, Long exportWh) {
        return reading(page, importWh, exportWh, "v1");
    }

    private static VerifiedReading reading(long page, long importWh, Long exportWh, String variant) {
        byte[] raw = ("OCMF|page " + page + " " + importWh + " " + exportWh + " " + variant)
                .getBytes(StandardCharsets.US_ASCII);
        return new VerifiedReading(
                NodeId.of("alice"),
                MeterSerial.of("SDM-A"),
                page,
                Energy.ofWh(importWh),
                exportWh == null ? null : Energy.ofWh(exportWh),
                NOW.plusSeconds(60 * page),
                ClockStatus.S,
                0,
                raw,
                RecordDigest.of(raw),
                "t",
                NOW);
    }

    private SequenceDecision judgeAndStore(VerifiedReading r) {
        SequenceDecision d = judge.judge(r, history);
        if (d instanceof SequenceDecision.Append || d instanceof SequenceDecision.Fill) {
            history.store(r);
        }
        return d;
    }

    private static Rejection refused(SequenceDecision d) {
        if (d instanceof SequenceDecision.DoubleSigned twice) {
            return twice.rejection();
        }
        assertThat(d).isInstanceOf(SequenceDecision.Refuse.class);
        return ((SequenceDecision.Refuse) d).rejection();
    }

    @Test
    void theFirstPageOfANewMeterIsAppendedWithoutAGap() {
        SequenceDecision d = judgeAndStore(reading(1, 100, 0L));

        assertThat(d).isInstanceOf(SequenceDecision.Append.class);
        assertThat(((SequenceDecision.Append) d).gap()).isNull();
    }

    @Test
    void aNewMetersFirstPageAboveOneOpensAGapFromPageOne() {
        SequenceDecision d = judgeAndStore(reading(5, 100, 0L));

        assertThat(((SequenceDecision.Append) d).gap()).isEqualTo(new Ack.PageRange(1, 4));
    }

    @Test
    void theNextPageIsAppendedAndEqualRegistersAreFine() {
        judgeAndStore(reading(1, 100, 7L));

        SequenceDecision d = judgeAndStore(reading(2, 100, 7L));

        assertThat(d).isInstanceOf(SequenceDecision.Append.class);
        assertThat(((SequenceDecision.Append) d).gap()).isNull();
    }

    @Test
    void aForwardJumpIsStoredAndNamesTheMissingRange() {
        judgeAndStore(reading(1, 100, 0L));
        judgeAndStore(reading(2, 110, 0L));

        SequenceDecision d = judgeAndStore(reading(7, 150, 0L));

        assertThat(d).isInstanceOf(SequenceDecision.Append.class);
        assertThat(((SequenceDecision.Append) d).gap()).isEqualTo(new Ack.PageRange(3, 6));
    }

    @Test
    void aRepeatedPageWithIdenticalBytesIsARedeliveryNotAnAttack() {
        judgeAndStore(reading(1, 100, 0L));
        judgeAndStore(reading(2, 110, 0L));

        assertThat(judge.judge(reading(1, 100, 0L), history)).isInstanceOf(SequenceDecision.Redelivery.class);
        assertThat(judge.judge(reading(2, 110, 0L), history)).isInstanceOf(SequenceDecision.Redelivery.class);
    }

    @Test
    void aRepeatedPageWithDifferentBytesIsADoubleSignedPageWithTheStoredRecordAsEvidence() {
        judgeAndStore(reading(1, 100, 0L));
        judgeAndStore(reading(2, 110, 0L));

        Rejection r = refused(judge.judge(reading(1, 100, 0L, "other bytes"), history));

        assertThat(r.reason()).isEqualTo(RejectReason.DOUBLE_SIGNED_PAGE);
        assertThat(r.answerable()).isTrue();
        assertThat(r.page()).isEqualTo(1);
        SequenceDecision d = judge.judge(reading(1, 100, 0L, "other bytes"), history);
        assertThat(d).isInstanceOf(SequenceDecision.DoubleSigned.class);
        assertThat(((SequenceDecision.DoubleSigned) d).stored())
                .isEqualTo(reading(1, 100, 0L).raw());
    }

    @Test
    void anImportOrExportRegisterBelowTheHighestPagesIsRegisterDecreased() {
        judgeAndStore(reading(1, 100, 50L));

        Rejection imp = refused(judge.judge(reading(2, 99, 50L), history));
        Rejection exp = refused(judge.judge(reading(2, 100, 49L), history));

        assertThat(imp.reason()).isEqualTo(RejectReason.REGISTER_DECREASED);
        assertThat(imp.detail()).contains("import register 99 Wh is below the 100 Wh of stored page T1");
        assertThat(exp.reason()).isEqualTo(RejectReason.REGISTER_DECREASED);
        assertThat(exp.detail()).contains("export");
    }

    @Test
    void aDecreasingRegisterAfterAGapIsStillCaught() {
        judgeAndStore(reading(1, 100, 0L));

        assertThat(refused(judge.judge(reading(9, 90, 0L), history)).reason())
                .isEqualTo(RejectReason.REGISTER_DECREASED);
    }

    @Test
    void anExportRegisterIsComparedOnlyWhenBothPagesHaveOne() {
        judgeAndStore(reading(1, 100, 50L));

        assertThat(judgeAndStore(reading(2, 110, null))).isInstanceOf(SequenceDecision.Append.class);
        assertThat(judgeAndStore(reading(3, 120, 60L))).isInstanceOf(SequenceDecision.Append.class);
    }

    @Test
    void aMissingPageArrivingAfterItsSuccessorFillsTheGap() {
        judgeAndStore(reading(1, 100, 0L));
        judgeAndStore(reading(3, 130, 0L));

        SequenceDecision d = judgeAndStore(reading(2, 115, 0L));

        assertThat(d).isInstanceOf(SequenceDecision.Fill.class);
        assertThat(judge.judge(reading(2, 115, 0L), history)).isInstanceOf(SequenceDecision.Redelivery.class);
    }

    @Test
    void aLatePageMustFitBetweenBothStoredNeighbours() {
        judgeAndStore(reading(1, 100, 10L));
        judgeAndStore(reading(4, 130, 20L));

        Rejection belowPrevious = refused(judge.judge(reading(2, 99, 10L), history));
        Rejection aboveNext = refused(judge.judge(reading(3, 131, 10L), history));
        Rejection exportAboveNext = refused(judge.judge(reading(3, 120, 21L), history));

        assertThat(belowPrevious.reason()).isEqualTo(RejectReason.REGISTER_DECREASED);
        assertThat(belowPrevious.detail()).contains("below").contains("T1");
        assertThat(aboveNext.reason()).isEqualTo(RejectReason.REGISTER_DECREASED);
        assertThat(aboveNext.detail()).contains("above").contains("T4");
        assertThat(exportAboveNext.detail()).contains("export");
        assertThat(judgeAndStore(reading(3, 130, 20L))).isInstanceOf(SequenceDecision.Fill.class);
    }

    @Test
    void aPageBelowTheFirstStoredOneFillsTheGapOpenedByIt() {
        judgeAndStore(reading(3, 300, 0L));

        assertThat(judgeAndStore(reading(1, 100, 0L))).isInstanceOf(SequenceDecision.Fill.class);
        assertThat(refused(judge.judge(reading(2, 301, 0L), history)).reason())
                .isEqualTo(RejectReason.REGISTER_DECREASED);
    }

    @Test
    void aRegisterThatRisesFasterThanTheRatedConnectionAllowsIsImplausible() {
        judgeAndStore(reading(1, 100, 0L));
        // 60 s at 43 470 W is 724 Wh (plus 3 Wh of slack); 728 Wh is more than the connection can carry.
        Rejection r = refused(judge.judge(reading(2, 100 + 728, 0L), history));

        assertThat(r.reason()).isEqualTo(RejectReason.IMPLAUSIBLE_POWER);
        assertThat(r.detail()).contains("import register rose 728 Wh from T1 to T2 in 60000 ms");
        assertThat(judge.judge(reading(2, 100 + 727, 0L), history)).isInstanceOf(SequenceDecision.Append.class);
    }

    @Test
    void anExportRegisterIsHeldToTheSameLimit() {
        judgeAndStore(reading(1, 100, 5L));
        assertThat(refused(judge.judge(reading(2, 100, 5L + 2_000), history)).reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_POWER);
    }

    @Test
    void aLateFillIsHeldToTheLimitOnBothSides() {
        judgeAndStore(reading(1, 100, 0L));
        judgeAndStore(reading(3, 900, 0L)); // 800 Wh in two minutes: plausible
        // T2 at 850 would need 750 Wh in the first minute: refused, although it lies between its neighbours.
        assertThat(refused(judge.judge(reading(2, 850, 0L), history)).reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_POWER);
        assertThat(refused(judge.judge(reading(2, 120, 0L), history)).reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_POWER);
        assertThat(judge.judge(reading(2, 500, 0L), history)).isInstanceOf(SequenceDecision.Fill.class);
    }

    @Test
    void possibleEnergyIsWattsTimesTimeRoundedDown() {
        assertThat(SequenceJudge.possibleWh(3_600, 1_000)).isEqualTo(1);
        assertThat(SequenceJudge.possibleWh(3_599, 1_000)).isZero();
        assertThat(SequenceJudge.possibleWh(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 2);
    }
}
