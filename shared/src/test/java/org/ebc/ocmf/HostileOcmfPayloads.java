package org.ebc.ocmf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds OCMF payload bytes from a seed: a valid payload in which, at random, fields are replaced by
 * hostile values (wrong types, huge/fractional/negative numbers, bad times, deep nesting, lone surrogates),
 * removed or duplicated, and whose bytes may then be damaged (invalid UTF-8, a BOM, a cut). A few percent
 * stay valid (the fuzz test checks that they keep doing so), so both sides of every check are exercised.
 */
final class HostileOcmfPayloads {
    static final String[] ANY_VALUE = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1.5",
        "-0",
        "1e99999999",
        "1E-99999999",
        "1E2147483647",
        "12345678901234567890123456789012345678901",
        "9223372036854775808",
        "\"\"",
        "\"x\"",
        "[]",
        "{}",
        "[[[[[[[[[[1]]]]]]]]]]",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":1}}}}}}}}",
        "\"\\u0000\"",
        "\"\\uD800\"",
        "\"" + "y".repeat(17_000) + "\"",
        "NaN",
        "Infinity",
        "0x10",
        "01",
        "+1",
        ".5",
        "1.",
        "\"T1\"",
        "\"T0\"",
        "\"1-0:1.8.0\"",
        "\"node/1\"",
        "\"#\"",
        "\"T007\""
    };
    static final String[] RV = {
        "12.345",
        "12.3456",
        "-12",
        "1e3",
        "1E+3",
        "0.0",
        "1e19",
        "1e-3",
        "99999999999999999999",
        "9223372036854775807",
        "0.001",
        "-0.0",
        "1e400",
        "1E2147483647",
        "1e99999999",
        "12345.000"
    };
    static final String[] TM = {
        "\"2026-02-29T08:00:00,123+0000 S\"",
        "\"2028-02-29T08:00:00,123+0100 R\"",
        "\"2026-11-21T08:00:00,123+0000 Q\"",
        "\"2026-11-21T08:00:00.123+0000 S\"",
        "\"2026-11-21 08:00:00,123+0000 S\"",
        "\"2026-11-21T08:00:00,123Z S\"",
        "\"2026-11-21T08:00:00,123+00:00 S\"",
        "\"+12026-11-21T08:00:00,123+0000 S\"",
        "\"2026-11-21T08:00:60,123+0000 S\"",
        "\"2026-13-21T08:00:00,123+0000 S\"",
        "\"2026-11-21T08:00:00,123+1900 S\"",
        "\"2026-11-21T08:00:00,123+0000  \"",
        "\"2026-11-21T08:00:00,123+0000 SS\"",
        "\"2026-11-21T08:00:00,12+0000 S\"",
        "\"0000-01-01T00:00:00,000+0000 U\""
    };
    static final String[] UNITS = {"\"kWh\"", "\"wh\"", "\"MWh\"", "\"Varh\"", "null"};

    private static final Map<String, String> VALID_READING = new LinkedHashMap<>();
    private static final Map<String, String> VALID_TOP = new LinkedHashMap<>();

    static {
        VALID_READING.put("TM", "\"2026-11-21T08:00:00,123+0000 S\"");
        VALID_READING.put("TX", "\"T\"");
        VALID_READING.put("RV", "12345");
        VALID_READING.put("RI", "\"1-0:1.8.0\"");
        VALID_READING.put("RU", "\"Wh\"");
        VALID_READING.put("EF", "\"\"");
        VALID_READING.put("ST", "\"G\"");
        VALID_TOP.put("FV", "\"1.0\"");
        VALID_TOP.put("GI", "\"ebc meter-agent\"");
        VALID_TOP.put("GS", "\"node-1\"");
        VALID_TOP.put("PG", "\"T7\"");
        VALID_TOP.put("MS", "\"SDM630-0001\"");
    }

    private HostileOcmfPayloads() {}

    static byte[] payload(long seed) {
        Random r = new Random(seed);
        List<String> readings = new ArrayList<>();
        int n = r.nextInt(10) == 0 ? r.nextInt(19) : 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            readings.add(r.nextInt(12) == 0 ? pick(r, ANY_VALUE) : object(hostile(r, VALID_READING)));
        }
        Map<String, String> top = hostile(r, VALID_TOP);
        top.put("RD", r.nextInt(20) == 0 ? pick(r, ANY_VALUE) : "[" + String.join(",", readings) + "]");
        if (r.nextInt(20) == 0) {
            int depth = 5 + r.nextInt(60);
            top.put("X", "[".repeat(depth) + "]".repeat(depth));
        }
        byte[] b = object(top).getBytes(StandardCharsets.UTF_8);
        int at = r.nextInt(b.length);
        return switch (r.nextInt(16)) {
            case 0 -> splice(b, at, new byte[] {(byte) 0xC3}); // a truncated two-byte sequence
            case 1 -> splice(b, at, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a UTF-8-encoded surrogate
            case 2 -> splice(b, at, new byte[] {(byte) 0xFF});
            case 3 -> splice(b, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a byte-order mark
            case 4 -> Arrays.copyOf(b, at);
            default -> b;
        };
    }

    /** The valid fields, with on average one of them replaced, removed or duplicated. */
    private static Map<String, String> hostile(Random r, Map<String, String> valid) {
        Map<String, String> m = new LinkedHashMap<>(valid);
        List<String> keys = new ArrayList<>(valid.keySet());
        int damages = r.nextInt(3) == 0 ? 0 : 1 + (r.nextInt(4) == 0 ? 1 : 0);
        for (int d = 0; d < damages; d++) {
            String k = keys.get(r.nextInt(keys.size()));
            switch (r.nextInt(6)) {
                case 0 -> m.remove(k);
                case 1 -> m.put(k + "\u0000dup", m.getOrDefault(k, pick(r, ANY_VALUE)));
                default -> m.put(k, hostileValue(r, k));
            }
        }
        return m;
    }

    private static String hostileValue(Random r, String key) {
        return switch (key) {
            case "RV" ->
                r.nextBoolean() ? pick(r, RV) : r.nextBoolean() ? Long.toString(r.nextLong()) : pick(r, ANY_VALUE);
            case "TM" -> r.nextBoolean() ? pick(r, TM) : r.nextBoolean() ? printable(r, 30) : pick(r, ANY_VALUE);
            case "RU" -> r.nextBoolean() ? pick(r, UNITS) : pick(r, ANY_VALUE);
            default -> r.nextBoolean() ? printable(r, r.nextInt(70)) : pick(r, ANY_VALUE);
        };
    }

    /** Writes the fields in order; a key ending in NUL+"dup" is written as a second copy of that key. */
    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            sb.append(sb.length() > 1 ? "," : "")
                    .append('"')
                    .append(e.getKey().replace("\u0000dup", ""))
                    .append("\":")
                    .append(e.getValue());
        }
        return sb.append('}').toString();
    }

    private static String printable(Random r, int length) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            char c = (char) (' ' + r.nextInt(95));
            sb.append(c == '"' || c == '\\' ? '_' : c);
        }
        return sb.append('"').toString();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }
}
