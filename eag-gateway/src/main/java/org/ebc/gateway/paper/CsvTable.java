package org.ebc.gateway.paper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV table (RFC 4180 quoting, {@code \n} line ends). Doubles are written with
 * {@link Double#toString(double)}, which reads back to the same double, so a test can recompute a figure's
 * numbers from our code and compare them exactly. Not thread-safe.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public CsvTable(String... header) {
        this.header = List.of(header);
    }

    /** Appends a row; each value is a {@link Number} or text, as many as there are columns. */
    public CsvTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException(
                    "a row of " + header + " needs " + header.size() + " values, not " + values.length);
        }
        List<String> cells = new ArrayList<>(values.length);
        for (Object v : values) {
            cells.add(v instanceof Double x ? Double.toString(x) : String.valueOf(v));
        }
        rows.add(cells);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        line(b, header);
        for (List<String> r : rows) {
            line(b, r);
        }
        return b.toString();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append('\n');
    }
}
