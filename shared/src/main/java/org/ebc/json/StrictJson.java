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
import java.util.Optional;

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
