package org.ebc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Strict JSON for signed messages: duplicate keys, trailing content, deep nesting, huge strings and
 * numbers are all refused; numbers with a fraction are read as {@link java.math.BigDecimal}, never as
 * a double. Parsing never throws: empty means "not acceptable JSON".
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
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private StrictJson() {}

    /** Parses a JSON object; empty for anything else (invalid UTF-8 or JSON, an array, trailing bytes …). */
    public static Optional<JsonNode> parseObject(byte[] utf8) {
        if (utf8 == null) {
            return Optional.empty();
        }
        try (JsonParser p = FACTORY.createParser(utf8)) {
            JsonNode n = MAPPER.readTree(p);
            if (n == null || !n.isObject()) {
                return Optional.empty();
            }
            if (p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(n);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
