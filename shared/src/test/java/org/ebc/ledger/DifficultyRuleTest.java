package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The difficulty, timestamp and target rules: exact integer arithmetic, every edge written down. */
class DifficultyRuleTest {
    static final Target START = Target.fromBigInteger(BigInteger.ONE.shiftLeft(240));
    static final DifficultyRule RULE = new DifficultyRule(10_000, START, Target.EASIEST, 10, 4);

    @Test
    void onlyEveryWindowthBlockAfterTheFirstRetargets() {
        assertThat(RULE.retargetsAt(1)).isFalse();
        assertThat(RULE.retargetsAt(10)).isFalse();
        assertThat(RULE.retargetsAt(11)).isTrue();
        assertThat(RULE.retargetsAt(12)).isFalse();
        assertThat(RULE.retargetsAt(21)).isTrue();
        DifficultyRule everyBlock = new DifficultyRule(10_000, START, Target.EASIEST, 1, 4);
        assertThat(everyBlock.retargetsAt(1)).isFalse();
        assertThat(everyBlock.retargetsAt(2)).isTrue();
    }

    @Test
    void blocksOnScheduleKeepTheTarget() {
        assertThat(RULE.retarget(START, 1_100_000, 1_000_000)).isEqualTo(START);
    }

    @Test
    void blocksTwiceAsFastHalveTheTargetAndTwiceAsSlowDoubleIt() {
        BigInteger s = START.toBigInteger();
        assertThat(RULE.retarget(START, 1_050_000, 1_000_000).toBigInteger()).isEqualTo(s.shiftRight(1));
        assertThat(RULE.retarget(START, 1_200_000, 1_000_000).toBigInteger()).isEqualTo(s.shiftLeft(1));
    }

    @Test
    void oneRetargetChangesTheTargetByAtMostTheClampEvenForTimeRunningBackwards() {
        BigInteger s = START.toBigInteger();
        assertThat(RULE.retarget(START, 1_000_001, 1_000_000).toBigInteger()).isEqualTo(s.shiftRight(2));
        assertThat(RULE.retarget(START, 900_000, 1_000_000).toBigInteger()).isEqualTo(s.shiftRight(2));
        assertThat(RULE.retarget(START, 9_000_000, 1_000_000).toBigInteger()).isEqualTo(s.shiftLeft(2));
    }

    @Test
    void theNewTargetIsRoundedDownOnceAndNeverPassesTheMaximumOrDropsToZero() {
        Target seven = Target.fromBigInteger(BigInteger.valueOf(7));
        DifficultyRule r = new DifficultyRule(3, seven, Target.EASIEST, 1, 4);
        // 7 × 2 / 3 = 4.67 → 4
        assertThat(r.retarget(seven, 2, 0).toBigInteger()).isEqualTo(BigInteger.valueOf(4));
        Target one = Target.fromBigInteger(BigInteger.ONE);
        assertThat(new DifficultyRule(4, one, Target.EASIEST, 1, 4)
                        .retarget(one, 1, 0)
                        .toBigInteger())
                .isEqualTo(BigInteger.ONE);
        Target cap = Target.fromBigInteger(START.toBigInteger().add(BigInteger.TEN));
        assertThat(new DifficultyRule(10_000, START, cap, 10, 4).retarget(START, 9_000_000, 0))
                .isEqualTo(cap);
        assertThat(new DifficultyRule(10_000, Target.EASIEST, Target.EASIEST, 10, 4)
                        .retarget(Target.EASIEST, 9_000_000, 0))
                .isEqualTo(Target.EASIEST);
    }

    @Test
    void aRuleOutsideItsRangesIsRefusedWithTheValueNamed() {
        assertThatThrownBy(() -> new DifficultyRule(0, START, Target.EASIEST, 10, 4))
                .hasMessageContaining("0 ms");
        assertThatThrownBy(() -> new DifficultyRule(10, START, Target.EASIEST, 0, 4))
                .hasMessageContaining("not 0");
        assertThatThrownBy(() -> new DifficultyRule(10, START, Target.EASIEST, 10, 0))
                .hasMessageContaining("not 0");
        assertThatThrownBy(() -> new DifficultyRule(10, Target.EASIEST, START, 10, 4))
                .hasMessageContaining("initial target");
        assertThatThrownBy(() -> new TimestampRule(-1, 11)).hasMessageContaining("-1 ms");
        assertThatThrownBy(() -> new TimestampRule(0, 102)).hasMessageContaining("102");
    }

    @Test
    void theMedianTimePastIsTheUpperMiddleOfTheSortedTimestamps() {
        assertThat(TimestampRule.median(new long[] {5})).isEqualTo(5);
        assertThat(TimestampRule.median(new long[] {9, 1, 5})).isEqualTo(5);
        assertThat(TimestampRule.median(new long[] {1, 2, 3, 4})).isEqualTo(3);
        assertThat(TimestampRule.median(new long[] {100, 1, 1, 1, 100, 100, 100}))
                .isEqualTo(100);
    }

    @Test
    void aHashMeetsATargetWhenItIsAtMostTheTargetReadUnsigned() {
        Target t = Target.ofLeadingZeroBits(8);
        assertThat(t.hex()).isEqualTo("00" + "ff".repeat(31));
        assertThat(t.isMetBy(Sha256Hash.parseHex("00" + "ff".repeat(31)).orElseThrow()))
                .isTrue();
        assertThat(t.isMetBy(Sha256Hash.parseHex("0100" + "00".repeat(30)).orElseThrow()))
                .isFalse();
        assertThat(t.isMetBy(Sha256Hash.parseHex("80" + "00".repeat(31)).orElseThrow()))
                .isFalse();
        assertThat(Target.EASIEST.isMetBy(Sha256Hash.parseHex("ff".repeat(32)).orElseThrow()))
                .isTrue();
        assertThat(t.expectedHashes()).isEqualTo(BigInteger.valueOf(256));
        assertThat(Target.parseHex("00".repeat(32))).isEmpty();
        assertThat(Target.parseHex(t.hex())).contains(t);
        assertThatThrownBy(() -> Target.fromBigInteger(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.fromBigInteger(BigInteger.ONE.shiftLeft(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashesAreSha256AndParseOnlyFromSixtyFourLowercaseHexCharacters() {
        assertThat(Sha256Hash.of("abc".getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String h = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256Hash.parseHex(h)).isPresent();
        assertThat(Sha256Hash.parseHex(h.toUpperCase(java.util.Locale.ROOT))).isEmpty();
        assertThat(Sha256Hash.parseHex(h.substring(2))).isEmpty();
        assertThat(Sha256Hash.parseHex(h + "00")).isEmpty();
        assertThat(Sha256Hash.parseHex(null)).isEmpty();
        Sha256Hash small = Sha256Hash.parseHex("01" + "00".repeat(31)).orElseThrow();
        Sha256Hash large = Sha256Hash.parseHex("ff" + "00".repeat(31)).orElseThrow();
        assertThat(small.compareTo(large)).isNegative();
        assertThat(small.hashCode()).isEqualTo(0x01000000);
    }
}
