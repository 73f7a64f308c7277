package org.ebc.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static Optional<JsonNode> parse(String text) {
        return StrictJson.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPlainObjectIsAccepted() {
        assertThat(parse("{\"a\":1,\"b\":\"x\",\"c\":[true,null],\"d\":{\"e\":2.50}}"))
                .isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "{\"a\":1,\"a\":2}", // a duplicate key: which value did the signer mean?
                "{\"a\":{\"b\":1,\"b\":1}}",
                "{\"a\":1} {}", // trailing content
                "{\"a\":1}x",
                "[1,2]", // not an object
                "\"text\"",
                "42",
                "",
                "{",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"a\":NaN}",
                "{\"a\":01}",
                "{\"a\":1} // comment",
                "{\"a\":12345678901234567890123456789012345678901}", // a 41-digit number
                "{\"a\":[[[[[[[[[1]]]]]]]]]}"
            }) // nested deeper than 8
    void somethingThatIsNotStrictJsonObjectIsRefused(String text) {
        assertThat(parse(text)).isEmpty();
    }

    @Test
    void nullAndInvalidUtf8AreRefused() {
        assertThat(StrictJson.parseObject(null)).isEmpty();
        assertThat(StrictJson.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
                .isEmpty();
        assertThat(StrictJson.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}))
                .isEmpty();
    }

    @Test
    void aStringLongerThan16KibIsRefused() {
        assertThat(parse("{\"a\":\"" + "x".repeat(16 * 1024) + "\"}")).isPresent();
        assertThat(parse("{\"a\":\"" + "x".repeat(16 * 1024 + 1) + "\"}")).isEmpty();
    }

    @Test
    void fractionsAreReadAsExactDecimalsNeverAsDoubles() {
        JsonNode n = parse("{\"a\":0.1,\"b\":123456789012345678.25}").orElseThrow();

        assertThat(n.get("a").decimalValue()).isEqualTo(new BigDecimal("0.1"));
        assertThat(n.get("b").decimalValue()).isEqualTo(new BigDecimal("123456789012345678.25"));
        assertThat(n.get("a").isBigDecimal()).isTrue();
    }

    @Test
    void aWholeNumberFieldMustBeIntegralAndFitALong() {
        JsonNode n = parse(
                        "{\"ok\":9223372036854775807,\"big\":9223372036854775808,\"frac\":1.5,\"exp\":1e3,\"text\":\"1\",\"neg\":-5}")
                .orElseThrow();

        assertThat(StrictJson.wholeNumber(n, "ok")).isEqualTo(Long.MAX_VALUE);
        assertThat(StrictJson.wholeNumber(n, "neg")).isEqualTo(-5L);
        assertThat(StrictJson.wholeNumber(n, "big")).isNull();
        assertThat(StrictJson.wholeNumber(n, "frac")).isNull();
        assertThat(StrictJson.wholeNumber(n, "exp")).isNull();
        assertThat(StrictJson.wholeNumber(n, "text")).isNull();
        assertThat(StrictJson.wholeNumber(n, "missing")).isNull();
        assertThat(StrictJson.text(n, "text")).isEqualTo("1");
        assertThat(StrictJson.text(n, "ok")).isNull();
    }

    @Test
    void theWriterKeepsTheCallersFieldOrderAndWritesNoWhitespace() {
        byte[] out = StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("z", "é");
            g.writeNumberField("a", 1);
            g.writeEndObject();
        });

        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"z\":\"é\",\"a\":1}");
    }

    @Property(tries = 2000)
    void randomTextNeverThrowsAndOnlyObjectsComeBack(@ForAll("hostileJson") String text) {
        Optional<JsonNode> n = parse(text);

        n.ifPresent(node -> assertThat(node.isObject()).isTrue());
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll byte[] bytes) {
        Optional<JsonNode> n = StrictJson.parseObject(bytes);

        n.ifPresent(node -> assertThat(node.isObject()).isTrue());
    }

    @Test
    void wholeNumbersAreBigIntegersAndFractionsLoseTrailingZerosLikeJacksonsTree() {
        JsonNode n = parse("{\"i\":7,\"d\":2.50,\"e\":1.0E3,\"z\":-0.0}").orElseThrow();

        assertThat(n.get("i").isBigInteger()).isTrue();
        assertThat(n.get("i").bigIntegerValue()).isEqualTo(BigInteger.valueOf(7));
        assertThat(n.get("d").decimalValue()).isEqualTo(new BigDecimal("2.5"));
        assertThat(n.get("e").decimalValue()).isEqualTo(new BigDecimal("1E+3"));
        assertThat(n.get("z").decimalValue()).isEqualTo(BigDecimal.ZERO);
    }

    /**
     * StrictJson builds its tree from the streaming parser (no ObjectMapper, to keep the meter agent small).
     * This pins that it accepts and refuses exactly what the ObjectMapper it replaced did, with an equal tree
     * (same node types, same decimal scales, same field order).
     */
    @Property(tries = 3000)
    void theTreeIsTheOneTheObjectMapperWithTheSameRulesBuilt(@ForAll long seed) {
        Random random = new Random(seed);
        String text = randomJson(random, 0, random.nextInt(4) == 0);

        Optional<JsonNode> ours = parse(text);
        Optional<JsonNode> mapper = viaObjectMapper(text.getBytes(StandardCharsets.UTF_8));

        assertThat(ours.isPresent()).as(text).isEqualTo(mapper.isPresent());
        ours.ifPresent(n -> {
            assertThat(n).as(text).isEqualTo(mapper.get());
            assertThat(n.toString()).as(text).isEqualTo(mapper.get().toString());
        });
    }

    @Property(tries = 2000)
    void hostileTextIsJudgedLikeTheObjectMapperJudgedIt(@ForAll("hostileJson") String text) {
        Optional<JsonNode> ours = parse(text);
        Optional<JsonNode> mapper = viaObjectMapper(text.getBytes(StandardCharsets.UTF_8));

        assertThat(ours).as(text).isEqualTo(mapper);
    }

    /** The ObjectMapper configuration StrictJson used before it built its own tree. */
    private static final com.fasterxml.jackson.core.JsonFactory OLD_FACTORY =
            com.fasterxml.jackson.core.JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(8)
                            .maxStringLength(16 * 1024)
                            .maxNumberLength(40)
                            .build())
                    .build();

    private static final ObjectMapper OLD_MAPPER = JsonMapper.builder(OLD_FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private static Optional<JsonNode> viaObjectMapper(byte[] utf8) {
        try (JsonParser p = OLD_FACTORY.createParser(utf8)) {
            JsonNode n = OLD_MAPPER.readTree(p);
            if (n == null || !n.isObject() || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(n);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final String[] NUMBERS = {
        "0",
        "-0",
        "7",
        "-12",
        "2147483648",
        "9223372036854775808",
        "1.0",
        "2.50",
        "-0.0",
        "0.000",
        "1e3",
        "1E+3",
        "1.5e-7",
        "100.00e2",
        "123456789012345678.25",
        "1" + "0".repeat(39),
        "1" + "0".repeat(40),
        "01",
        "1.",
        ".5",
        "+1",
        "1e99999999"
    };
    private static final String[] STRINGS = {
        "", "a", "é", "\\u00e9", "\\n", "\\\"", "x".repeat(300), "\\uD83D\\uDE00", "\\u0000"
    };

    /** Mostly well-formed JSON, deep enough to pass the nesting limit now and then, sometimes with a flaw. */
    private static String randomJson(Random r, int depth, boolean flawed) {
        StringBuilder b = new StringBuilder("{");
        int fields = r.nextInt(depth > 6 ? 2 : 5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                b.append(',');
            }
            String name = flawed && r.nextInt(8) == 0 ? "k0" : "k" + i;
            b.append('"').append(name).append("\":").append(randomValue(r, depth + 1, flawed));
        }
        b.append('}');
        if (flawed && depth == 0 && r.nextInt(4) == 0) {
            b.append(r.nextBoolean() ? " {}" : "x");
        }
        return b.toString();
    }

    private static String randomValue(Random r, int depth, boolean flawed) {
        switch (r.nextInt(depth > 9 ? 5 : 7)) {
            case 0:
                return NUMBERS[r.nextInt(flawed ? NUMBERS.length : NUMBERS.length - 5)];
            case 1:
                return '"' + STRINGS[r.nextInt(STRINGS.length)] + '"';
            case 2:
                return r.nextBoolean() ? "true" : "false";
            case 3:
                return "null";
            case 4:
                return " " + NUMBERS[r.nextInt(NUMBERS.length - 5)] + " ";
            case 5: {
                StringBuilder b = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append(randomValue(r, depth + 1, flawed));
                }
                return b.append(']').toString();
            }
            default:
                return randomJson(r, depth, flawed);
        }
    }

    @Provide
    Arbitrary<String> hostileJson() {
        Arbitrary<String> fragments = Arbitraries.of(
                "{",
                "}",
                "[",
                "]",
                "\"a\"",
                "\"a\":",
                ":",
                ",",
                "1",
                "-0",
                "1e99999999",
                "1.5",
                "null",
                "true",
                "\"\\uD800\"",
                "\"\\u0000\"",
                " ",
                "\"x\"",
                "9223372036854775808",
                "/*",
                "'",
                "\\");
        return Arbitraries.oneOf(
                fragments.list().ofMaxSize(40).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(100),
                fragments.list().ofMaxSize(40).map(l -> "{" + String.join("", l) + "}"));
    }
}
