package org.ebc.gateway.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvTableTest {
    @Test
    void doublesAreWrittenSoTheyReadBackExactlyAndTextIsQuotedWhenItMustBe() {
        double third = 1.0 / 3;
        String text =
                new CsvTable("a", "b", "c").row(third, "x,y", "say \"hi\"").text();

        assertThat(text).isEqualTo("a,b,c\n" + third + ",\"x,y\",\"say \"\"hi\"\"\"\n");
        assertThat(Double.parseDouble(text.split("\n")[1].split(",")[0])).isEqualTo(third);
    }

    @Test
    void aRowNeedsOneValuePerColumn() {
        assertThatThrownBy(() -> new CsvTable("a", "b").row(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
