package org.ebc.units;

import java.util.regex.Pattern;

/**
 * The shape every textual identifier on the wire shares: it appears in MQTT topics and in X.509 subject
 * names, so it must not contain topic separators ({@code /}), wildcards ({@code +}, {@code #}) or
 * anything that would need escaping. 1–64 characters of {@code [A-Za-z0-9._-]}, not starting with a dot
 * or a dash.
 */
final class Identifier {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private Identifier() {}

    static String require(String kind, String value) {
        if (value == null) {
            throw new IllegalArgumentException(kind + " must not be null");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " '" + printable(value)
                    + "' is not 1-64 characters of [A-Za-z0-9._-] starting with a letter, digit or underscore");
        }
        return value;
    }

    static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
