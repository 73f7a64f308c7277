package org.ebc.agent.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingScheduleTest {
    private final ReadingSchedule tenSecondsInQuarterHours =
            new ReadingSchedule(Duration.ofSeconds(10), Duration.ofMinutes(15));

    @Test
    void periodicReadingsFallOnWholeMultiplesOfTheInterval() {
        ReadingSchedule.Due d = tenSecondsInQuarterHours.next(Instant.parse("2025-03-01T10:00:03.500Z"));
        assertThat(d).isEqualTo(new ReadingSchedule.Due(Instant.parse("2025-03-01T10:00:10Z"), ReadingReason.PERIODIC));
    }

    @Test
    void theReadingAtASlotBorderIsMarkedAsTheBorder() {
        ReadingSchedule.Due d = tenSecondsInQuarterHours.next(Instant.parse("2025-03-01T10:14:55Z"));
        assertThat(d)
                .isEqualTo(new ReadingSchedule.Due(Instant.parse("2025-03-01T10:15:00Z"), ReadingReason.SLOT_BORDER));
        assertThat(ReadingReason.SLOT_BORDER.letter()).isEqualTo("B");
        assertThat(ReadingReason.PERIODIC.letter()).isEqualTo("T");
    }

    @Test
    void aReadingExactlyOnADueInstantSchedulesTheNextOne() {
        ReadingSchedule.Due d = tenSecondsInQuarterHours.next(Instant.parse("2025-03-01T10:15:00Z"));
        assertThat(d.at()).isEqualTo(Instant.parse("2025-03-01T10:15:10Z"));
    }

    @Test
    void aSlotThatIsNotAMultipleOfTheIntervalStillGetsItsBorderReading() {
        ReadingSchedule odd = new ReadingSchedule(Duration.ofSeconds(7), Duration.ofSeconds(60));
        ReadingSchedule.Due d = odd.next(Instant.ofEpochSecond(58));
        assertThat(d).isEqualTo(new ReadingSchedule.Due(Instant.ofEpochSecond(60), ReadingReason.SLOT_BORDER));
        assertThat(odd.next(Instant.ofEpochSecond(60)).at()).isEqualTo(Instant.ofEpochSecond(63));
    }

    @Test
    void aDayOfTenSecondReadingsHasNinetySixBorders() {
        Instant t = Instant.parse("2025-03-01T00:00:00Z");
        int readings = 0;
        int borders = 0;
        Instant end = t.plus(Duration.ofDays(1));
        while (true) {
            ReadingSchedule.Due d = tenSecondsInQuarterHours.next(t);
            if (d.at().isAfter(end)) {
                break;
            }
            readings++;
            borders += d.reason() == ReadingReason.SLOT_BORDER ? 1 : 0;
            t = d.at();
        }
        assertThat(readings).isEqualTo(8_640);
        assertThat(borders).isEqualTo(96);
    }
}
