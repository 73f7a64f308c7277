package org.ebc.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
        assertThat(parse("{\"a\":1,\"b\":\"x\",\"c\":[true,null],\"d\":{\"e\":2.50}}")).isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
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
            "{\"a\":[[[[[[[[[1]]]]]]]]]}"}) // nested deeper than 8
    void somethingThatIsNotStrictJsonObjectIsRefused(String text) {
        assertThat(parse(text)).isEmpty();
    }

    @Test
    void nullAndInvalidUtf8AreRefused() {
        assertThat(StrictJson.parseObject(null)).isEmpty();
        assertThat(StrictJson.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'})).isEmpty();
        assertThat(StrictJson.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'})).isEmpty();
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
        JsonNode n = parse("{\"ok\":9223372036854775807,\"big\":9223372036854775808,\"frac\":1.5,\"exp\":1e3,\"text\":\"1\",\"neg\":-5}").orElseThrow();

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

    @Provide
    Arbitrary<String> hostileJson() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", "\"a\"", "\"a\":", ":", ",", "1", "-0", "1e99999999", "1.5", "null", "true",
                "\"\\uD800\"", "\"\\u0000\"", " ", "\"x\"", "9223372036854775808", "/*", "'", "\\");
        return Arbitraries.oneOf(fragments.list().ofMaxSize(40).map(l -> String.join("", l)), Arbitraries.strings().all().ofMaxLength(100),
                fragments.list().ofMaxSize(40).map(l -> "{" + String.join("", l) + "}"));
    }
}
