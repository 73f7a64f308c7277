package org.ebc.gateway.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgPlotTest {
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLineChartIsWellFormedSvgWithOnePolylinePerSeriesAndOnePointPerDatum() throws Exception {
        String svg = SvgPlot.lines(
                "title <&>",
                "x",
                "y",
                List.of(
                        new SvgPlot.Line("rising", new double[] {1, 2, 3}, new double[] {10, 20, 30}),
                        new SvgPlot.Line("flat \"q\"", new double[] {1, 3}, new double[] {15, 15})));

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        NodeList lines = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        Element rising = (Element) lines.item(0);
        assertThat(rising.getAttribute("data-series")).isEqualTo("rising");
        assertThat(((Element) lines.item(1)).getAttribute("data-series")).isEqualTo("flat \"q\"");
        String[] points = rising.getAttribute("points").split(" ");
        assertThat(points).hasSize(3);
        double[] xs = new double[3];
        double[] ys = new double[3];
        for (int i = 0; i < 3; i++) {
            xs[i] = Double.parseDouble(points[i].split(",")[0]);
            ys[i] = Double.parseDouble(points[i].split(",")[1]);
        }
        // Equal steps in the data are equal steps on the page; a larger value is drawn higher (smaller y).
        assertThat(xs[1] - xs[0]).isCloseTo(xs[2] - xs[1], org.assertj.core.api.Assertions.within(0.02));
        assertThat(ys[0]).isGreaterThan(ys[1]);
        assertThat(ys[1] - ys[0]).isCloseTo(ys[2] - ys[1], org.assertj.core.api.Assertions.within(0.02));
        assertThat(svg).contains("title &lt;&amp;&gt;");
    }

    @Test
    void barsCarryTheirValuesAndNegativeBarsHangBelowZero() throws Exception {
        String svg = SvgPlot.bars(
                "t",
                "x",
                "y",
                List.of("a", "b"),
                List.of(new SvgPlot.Bars("s1", new double[] {5, -2.5}), new SvgPlot.Bars("s2", new double[] {1, 2})));

        Document doc = parse(svg);
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        assertThat(groups.getLength()).isEqualTo(2);
        NodeList bars = ((Element) groups.item(0)).getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        Element positive = (Element) bars.item(0);
        Element negative = (Element) bars.item(1);
        assertThat(positive.getAttribute("data-value")).isEqualTo("5.0");
        assertThat(negative.getAttribute("data-value")).isEqualTo("-2.5");
        double zeroFromPositive =
                Double.parseDouble(positive.getAttribute("y")) + Double.parseDouble(positive.getAttribute("height"));
        double zeroFromNegative = Double.parseDouble(negative.getAttribute("y"));
        assertThat(zeroFromNegative).isCloseTo(zeroFromPositive, org.assertj.core.api.Assertions.within(0.02));
        assertThat(Double.parseDouble(positive.getAttribute("height")))
                .isCloseTo(
                        2 * Double.parseDouble(negative.getAttribute("height")),
                        org.assertj.core.api.Assertions.within(0.05));
    }

    @Test
    void aSeriesMustHaveOneValuePerCategoryAndAsManyXAsY() {
        assertThatThrownBy(() ->
                        SvgPlot.bars("t", "x", "y", List.of("a"), List.of(new SvgPlot.Bars("s", new double[] {1, 2}))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SvgPlot.Line("l", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void axisTicksAreRoundNumbersCoveringTheData() {
        SvgPlot.Axis a = SvgPlot.Axis.of(3.2, 97, true);
        assertThat(a.lo()).isLessThanOrEqualTo(0);
        assertThat(a.hi()).isGreaterThanOrEqualTo(97);
        assertThat(a.step()).isIn(10.0, 20.0);
        assertThat(a.ticks()).contains(0.0, a.hi());
    }
}
