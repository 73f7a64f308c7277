package org.ebc.gateway.paper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for the paper's figures: line charts and grouped bar charts with axes, "nice" ticks
 * and a legend. Each series' element carries {@code data-series="<name>"} and, for lines, one point per
 * datum in order, so the plots can be checked against the CSV they are drawn from. Pure; thread-safe.
 */
public final class SvgPlot {
    static final int WIDTH = 720;
    static final int HEIGHT = 440;
    static final int LEFT = 90;
    static final int RIGHT = 190;
    static final int TOP = 50;
    static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    /** A line: y[i] at x[i], in order; a dashed line is a reference (an optimum, a demand), drawn on top. */
    public record Line(String name, double[] x, double[] y, boolean dashed) {
        public Line {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("a line needs as many x as y values, at least one: " + name);
            }
            x = x.clone();
            y = y.clone();
        }

        public Line(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }
    }

    /** One bar per category. */
    public record Bars(String name, double[] values) {
        public Bars {
            values = values.clone();
        }
    }

    private SvgPlot() {}

    public static String lines(String title, String xLabel, String yLabel, List<Line> lines) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.x.length; i++) {
                xMin = Math.min(xMin, l.x[i]);
                xMax = Math.max(xMax, l.x[i]);
                yMin = Math.min(yMin, l.y[i]);
                yMax = Math.max(yMax, l.y[i]);
            }
        }
        Axis xs = Axis.of(xMin, xMax, false);
        Axis ys = Axis.of(yMin, yMax, true);
        StringBuilder b = frame(title, xLabel, yLabel, xs, ys, true);
        for (int s = 0; s < lines.size(); s++) {
            Line l = lines.get(s);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < l.x.length; i++) {
                points.append(i == 0 ? "" : " ")
                        .append(num(xs.toPixel(l.x[i], true)))
                        .append(',')
                        .append(num(ys.toPixel(l.y[i], false)));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "<polyline data-series=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
                    escape(l.name),
                    colour(s),
                    l.dashed ? " stroke-dasharray=\"6 4\"" : "",
                    points));
            if (!l.dashed) {
                for (int i = 0; i < l.x.length; i++) {
                    b.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>%n",
                            num(xs.toPixel(l.x[i], true)),
                            num(ys.toPixel(l.y[i], false)),
                            colour(s)));
                }
            }
            legend(b, s, l.name);
        }
        return b.append("</svg>\n").toString();
    }

    public static String bars(String title, String xLabel, String yLabel, List<String> categories, List<Bars> bars) {
        double yMin = 0;
        double yMax = 0;
        for (Bars s : bars) {
            if (s.values.length != categories.size()) {
                throw new IllegalArgumentException("series " + s.name + " needs one value per category");
            }
            for (double v : s.values) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        Axis ys = Axis.of(yMin, yMax, true);
        Axis xs = new Axis(0, categories.size(), 1);
        StringBuilder b = frame(title, xLabel, yLabel, xs, ys, false);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / categories.size();
        double barWidth = slot * 0.8 / bars.size();
        for (int c = 0; c < categories.size(); c++) {
            b.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>%n",
                    num(LEFT + slot * (c + 0.5)),
                    HEIGHT - BOTTOM + 18,
                    escape(categories.get(c))));
        }
        double zero = ys.toPixel(0, false);
        for (int s = 0; s < bars.size(); s++) {
            Bars series = bars.get(s);
            b.append(
                    String.format(Locale.ROOT, "<g data-series=\"%s\" fill=\"%s\">%n", escape(series.name), colour(s)));
            for (int c = 0; c < categories.size(); c++) {
                double x = LEFT + slot * c + slot * 0.1 + barWidth * s;
                double y = ys.toPixel(series.values[c], false);
                b.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" data-value=\"%s\"/>%n",
                        num(x),
                        num(Math.min(y, zero)),
                        num(barWidth),
                        num(Math.abs(zero - y)),
                        Double.toString(series.values[c])));
            }
            b.append("</g>\n");
            legend(b, s, series.name);
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder frame(String title, String xLabel, String yLabel, Axis xs, Axis ys, boolean xTicks) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2,
                escape(title)));
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = HEIGHT - BOTTOM;
        int y1 = TOP;
        b.append(String.format(
                Locale.ROOT,
                "<path d=\"M%d %dL%d %dL%d %d\" fill=\"none\" stroke=\"black\"/>%n",
                x0,
                y1,
                x0,
                y0,
                x1,
                y0));
        for (double v : ys.ticks()) {
            double y = ys.toPixel(v, false);
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#dddddd\"/>%n"
                            + "<text x=\"%d\" y=\"%s\" text-anchor=\"end\" font-size=\"11\">%s</text>%n",
                    x0,
                    num(y),
                    x1,
                    num(y),
                    x0 - 6,
                    num(y + 4),
                    label(v)));
        }
        if (xTicks) {
            for (double v : xs.ticks()) {
                double x = xs.toPixel(v, true);
                b.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"black\"/>%n"
                                + "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%s</text>%n",
                        num(x),
                        y0,
                        num(x),
                        y0 + 5,
                        num(x),
                        y0 + 18,
                        label(v)));
            }
        }
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">%s</text>%n",
                (x0 + x1) / 2,
                HEIGHT - 18,
                escape(xLabel)));
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"20\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 20 %d)\">%s</text>%n",
                (y0 + y1) / 2,
                (y0 + y1) / 2,
                escape(yLabel)));
        return b;
    }

    private static void legend(StringBuilder b, int index, String name) {
        int x = WIDTH - RIGHT + 15;
        int y = TOP + 10 + 22 * index;
        b.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
                x,
                y,
                colour(index),
                x + 20,
                y + 12,
                escape(name)));
    }

    private static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A tick label: at most six significant digits, no trailing zeros, no exponent. */
    private static String label(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A linear axis from lo to hi with ticks every step. */
    record Axis(double lo, double hi, double step) {
        /** An axis covering [min, max] with 4–10 ticks at 1, 2 or 5 × 10^n; a y axis always shows 0 if near. */
        static Axis of(double min, double max, boolean vertical) {
            double lo = min;
            double hi = max;
            if (vertical && lo > 0 && lo < 0.5 * hi) {
                lo = 0;
            }
            if (hi == lo) {
                double pad = hi == 0 ? 1 : Math.abs(hi) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double raw = (hi - lo) / 6;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude;
            for (double m : new double[] {1, 2, 5, 10}) {
                step = m * magnitude;
                if (step >= raw) {
                    break;
                }
            }
            return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            int n = (int) Math.round((hi - lo) / step);
            for (int i = 0; i <= n; i++) {
                t.add(lo + i * step);
            }
            return t;
        }

        double toPixel(double v, boolean horizontal) {
            double f = (v - lo) / (hi - lo);
            return horizontal ? LEFT + f * (WIDTH - LEFT - RIGHT) : HEIGHT - BOTTOM - f * (HEIGHT - TOP - BOTTOM);
        }
    }
}
