package org.ebc.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageCounterTest {

    @Test
    void thePageCounterIsWrittenTAndTheNumber() {
        assertThat(PageCounter.of(42).ocmf()).isEqualTo("T42");
        assertThat(PageCounter.FIRST.ocmf()).isEqualTo("T1");
        assertThat(PageCounter.parseOcmf("T42")).isEqualTo(PageCounter.of(42));
        assertThat(PageCounter.parseOcmf("T9223372036854775807")).isEqualTo(PageCounter.of(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "T",
                "T0",
                "T01",
                "T-1",
                "T+1",
                "t1",
                "1",
                "T1 ",
                " T1",
                "T1.0",
                "T１",
                "T9223372036854775808",
                "T99999999999999999999",
                "TT1",
                "T1e3",
                "T0x10",
                "T\u0000"
            })
    void anythingButTAndAPositiveNumberWithoutLeadingZerosIsNotAPage(String text) {
        assertThat(PageCounter.parseOcmf(text)).isNull();
    }

    @Test
    void aPageNumberBelowOneIsRefused() {
        assertThatThrownBy(() -> PageCounter.of(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> PageCounter.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLastPageHasNoNext() {
        assertThat(PageCounter.of(7).next()).isEqualTo(PageCounter.of(8));
        assertThatThrownBy(() -> PageCounter.of(Long.MAX_VALUE).next()).isInstanceOf(ArithmeticException.class);
    }

    @Property(tries = 2000)
    void everyPageReadsBackFromItsOcmfText(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long page) {
        assertThat(PageCounter.parseOcmf(PageCounter.of(page).ocmf())).isEqualTo(PageCounter.of(page));
    }

    @Property(tries = 3000)
    void anyTextEitherIsNotAPageOrIsExactlyThePagesOwnText(@ForAll String text) {
        PageCounter p = PageCounter.parseOcmf(text);

        if (p != null) {
            assertThat(p.ocmf()).isEqualTo(text);
        }
    }

    @Property(tries = 2000)
    void tFollowedByAnyDigitsNeverThrows(@ForAll("digits") String digits) {
        PageCounter p = PageCounter.parseOcmf("T" + digits);

        if (p != null) {
            assertThat(p.ocmf()).isEqualTo("T" + digits);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> digits() {
        return net.jqwik.api.Arbitraries.strings().numeric().ofMaxLength(25);
    }
}
