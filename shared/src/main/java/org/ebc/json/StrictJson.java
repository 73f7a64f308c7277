package org.ebc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Strict JSON for signed messages: duplicate keys, trailing content, deep nesting, huge strings and
 * numbers are all refused; numbers with a fraction are read as {@link java.math.BigDecimal}, never as
 * a double. Parsing never throws: empty means "not acceptable JSON".
 *
 * <p>The tree is built from jackson-core's streaming parser, not by an {@code ObjectMapper}: the parser
 * already enforces every rule above (its read constraints and strict duplicate detection), and an
 * {@code ObjectMapper} would load ~300 databind classes (about 4 MB of resident memory on a meter) only
 * to assemble a tree. The tree is the same as the one {@code ObjectMapper.readTree} built with
 * {@code USE_BIG_INTEGER_FOR_INTS} and {@code USE_BIG_DECIMAL_FOR_FLOATS}: whole numbers as
 * {@code BigIntegerNode}, fractions as {@code DecimalNode} with trailing zeros stripped (a test compares
 * the two on random input).
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(16 * 1024)
                    .maxNumberLength(40)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictJson() {}

    /** Parses a JSON object; empty for anything else (invalid UTF-8 or JSON, an array, trailing bytes …). */
    public static Optional<JsonNode> parseObject(byte[] utf8) {
        if (utf8 == null) {
            return Optional.empty();
        }
        ObjectNode flat = parseFlat(utf8);
        return flat != null ? Optional.of(flat) : parseWithJackson(utf8);
    }

    /** Longest string and name {@link #parseFlat} reads itself (the parser's limit is 16 KiB). */
    private static final int FLAT_MAX_STRING = 16 * 1024;
    /** Most digits {@link #parseFlat} reads itself: any such number fits a long. */
    private static final int FLAT_MAX_DIGITS = 18;

    /**
     * The tree of the simplest objects, read without the streaming parser: what every signed payload is, a
     * flat object as {@link #write} writes it, {@code {"name":value,…}} with no whitespace, every name and
     * string value printable ASCII other than {@code "} and {@code \} (so no escapes), at most 16 KiB, every
     * number a whole number of at most 18 digits with no sign and no leading zero, no name twice. Such text
     * is strict JSON whose tree is exactly this one (text nodes, whole numbers as {@code BigIntegerNode}, in
     * the text's order); for anything else — which may or may not be acceptable — this answers null and
     * {@link #parseWithJackson} decides. StrictJsonFlatTest holds the two to the same answers.
     */
    static @Nullable ObjectNode parseFlat(byte[] b) {
        int n = b.length;
        if (n < 2 || b[0] != '{' || b[n - 1] != '}') {
            return null;
        }
        ObjectNode root = NODES.objectNode();
        if (n == 2) {
            return root;
        }
        int i = 1;
        while (true) {
            // "name"
            if (b[i] != '"') {
                return null;
            }
            int nameEnd = plainStringEnd(b, i + 1, n - 1);
            if (nameEnd < 0 || b[nameEnd + 1] != ':') {
                return null;
            }
            String name = new String(b, i + 1, nameEnd - i - 1, StandardCharsets.ISO_8859_1);
            i = nameEnd + 2;
            if (i >= n - 1) {
                return null;
            }
            JsonNode value;
            byte c = b[i];
            if (c == '"') {
                int end = plainStringEnd(b, i + 1, n - 1);
                if (end < 0) {
                    return null;
                }
                value = NODES.textNode(new String(b, i + 1, end - i - 1, StandardCharsets.ISO_8859_1));
                i = end + 1;
            } else if (c >= '0' && c <= '9') {
                int start = i;
                long v = 0;
                while (i < n - 1 && b[i] >= '0' && b[i] <= '9') {
                    v = v * 10 + (b[i] - '0');
                    i++;
                }
                int digits = i - start;
                if (digits > FLAT_MAX_DIGITS || (b[start] == '0' && digits > 1)) {
                    return null;
                }
                value = NODES.numberNode(BigInteger.valueOf(v));
            } else {
                return null;
            }
            if (root.putIfAbsent(name, value) != null) {
                return null; // a repeated name: the streaming parser refuses it
            }
            // i is at the byte after the value: ',' then the next field, or the closing '}' last
            if (i == n - 1) {
                return root;
            }
            if (b[i] != ',' || i + 1 >= n - 1) {
                return null;
            }
            i++;
        }
    }

    /**
     * The index of the closing quote of a string whose content starts at {@code from}, if the content is at
     * most {@link #FLAT_MAX_STRING} bytes of printable ASCII other than {@code \} and the quote is before {@code
     * limit}; else -1.
     */
    private static int plainStringEnd(byte[] b, int from, int limit) {
        int max = Math.min(limit, from + FLAT_MAX_STRING + 1);
        for (int i = from; i < max; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** {@link #parseObject} by the streaming parser, for any text (what {@link #parseFlat} leaves to it). */
    static Optional<JsonNode> parseWithJackson(byte[] utf8) {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode root = NODES.objectNode();
            readContainer(p, root);
            if (p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Fills {@code container} up to its closing token. Recursive, which is safe because the parser refuses
     * nesting deeper than 8 before it returns the token that would open a ninth level. Every string is
     * read in full ({@code getText}), which is where the parser checks its UTF-8 and its length.
     */
    private static void readContainer(JsonParser p, ContainerNode<?> container) throws IOException {
        ObjectNode object = container instanceof ObjectNode o ? o : null;
        ArrayNode array = container instanceof ArrayNode a ? a : null;
        JsonToken end = object != null ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
        while (true) {
            String name = null;
            JsonToken t = p.nextToken();
            if (t == end) {
                return;
            }
            if (object != null) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new IOException("expected a field name, found " + t);
                }
                name = p.currentName();
                t = p.nextToken();
            }
            JsonNode value = switch (t) {
                case START_OBJECT -> {
                    ObjectNode child = NODES.objectNode();
                    readContainer(p, child);
                    yield child;
                }
                case START_ARRAY -> {
                    ArrayNode child = NODES.arrayNode();
                    readContainer(p, child);
                    yield child;
                }
                case VALUE_STRING -> NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(stripTrailingZeros(p.getDecimalValue()));
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                case null, default -> throw new IOException("unexpected " + t);
            };
            if (object != null) {
                // The parser has refused a repeated name already (strict duplicate detection); this is a second lock.
                if (object.putIfAbsent(name, value) != null) {
                    throw new IOException("duplicate field " + name);
                }
            } else {
                array.add(value);
            }
        }
    }

    /** What {@code ObjectMapper.readTree} does to a fraction (so {@code 2.50} and {@code 2.5} are one node). */
    private static BigDecimal stripTrailingZeros(BigDecimal d) {
        try {
            return d.stripTrailingZeros();
        } catch (ArithmeticException scaleOverflow) {
            return d;
        }
    }

    /** Writes JSON with a generator in the caller's field order (the bytes that will be signed). */
    public static byte[] write(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes one JSON document with a {@link JsonGenerator}. */
    @FunctionalInterface
    public interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** The text of a string field, or null if absent or not a string. */
    public static String text(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** A whole number field that fits a long, or null if absent, fractional, or out of range. */
    public static Long wholeNumber(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            return null;
        }
        return n.longValue();
    }
}
