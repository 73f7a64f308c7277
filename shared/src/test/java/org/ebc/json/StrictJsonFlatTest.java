package org.ebc.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link StrictJson#parseFlat}, the reader of flat objects that every signed payload goes through first,
 * gives exactly the streaming parser's answer whenever it gives one: the same tree (node types, field order,
 * values), and never a tree for text the parser refuses.
 */
class StrictJsonFlatTest {
    private static final String[] NAMES = {"typ", "from", "seq", "ts", "a", "", "k\u00e9", "x y", "a\\\"b", "q/r"};
    private static final String[] VALUES = {
        "0",
        "7",
        "123456789012345678",
        "1234567890123456789",
        "9223372036854775807",
        "-1",
        "-0",
        "01",
        "00",
        "1.5",
        "1e3",
        "\"\"",
        "\"text\"",
        "\"EBC1|{}|x\"",
        "\"a b:c,d}\"",
        "\"\\n\"",
        "\"\\u0041\"",
        "\"\u00e9\"",
        "\"\u007f\"",
        "true",
        "null",
        "[1]",
        "{\"b\":1}",
        " 1",
        "1 "
    };
    private static final String NOISE = "{}\":, 0123456789-.eE\\tnul[]x";

    @Provide
    Arbitrary<byte[]> flatTexts() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            StringBuilder b = new StringBuilder("{");
            int fields = r.nextInt(6);
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    b.append(',');
                }
                String name = r.nextInt(3) == 0 ? NAMES[r.nextInt(NAMES.length)] : "f" + r.nextInt(8);
                b.append('"').append(name).append("\":").append(VALUES[r.nextInt(VALUES.length)]);
            }
            b.append('}');
            int damage = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
            for (int d = 0; d < damage && b.length() > 0; d++) {
                int at = r.nextInt(b.length());
                switch (r.nextInt(3)) {
                    case 0 -> b.setCharAt(at, NOISE.charAt(r.nextInt(NOISE.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, NOISE.charAt(r.nextInt(NOISE.length())));
                }
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(20) == 0 && bytes.length > 0) {
                bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
            }
            return bytes;
        });
    }

    @Property(tries = 10000)
    void aFlatObjectReadsAsTheStreamingParserReadsIt(@ForAll("flatTexts") byte[] text) {
        ObjectNode flat = StrictJson.parseFlat(text);
        Optional<JsonNode> parser = StrictJson.parseWithJackson(text);
        String what = new String(text, StandardCharsets.UTF_8);

        if (flat != null) {
            assertThat(parser).as(what).isPresent();
            assertThat((JsonNode) flat).as(what).isEqualTo(parser.get());
            assertThat(flat.toString()).as(what).isEqualTo(parser.get().toString());
            var names = flat.fieldNames();
            var theirs = parser.get().fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                assertThat(theirs.next()).isEqualTo(name);
                assertThat(flat.get(name).getClass())
                        .as(what)
                        .isEqualTo(parser.get().get(name).getClass());
            }
        }
        assertThat(StrictJson.parseObject(text)).as(what).isEqualTo(parser);
    }

    @Test
    void whatTheWriterWritesIsReadFlat() {
        byte[] written = StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", "tx");
            g.writeStringField("from", "eag-1");
            g.writeNumberField("seq", 12);
            g.writeNumberField("ts", 1_700_000_000_000L);
            g.writeStringField("transfer", "RUJDMXx7fQ==");
            g.writeEndObject();
        });
        ObjectNode flat = StrictJson.parseFlat(written);

        assertThat(flat).isNotNull();
        assertThat((JsonNode) flat)
                .isEqualTo(StrictJson.parseWithJackson(written).orElseThrow());
        assertThat(StrictJson.parseFlat("{}".getBytes(StandardCharsets.US_ASCII)))
                .isNotNull();
        assertThat(StrictJson.parseFlat("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.US_ASCII)))
                .isNull();
        String longest = "{\"s\":\"" + "x".repeat(16 * 1024) + "\"}";
        String tooLong = "{\"s\":\"" + "x".repeat(16 * 1024 + 1) + "\"}";
        assertThat(StrictJson.parseObject(longest.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(StrictJson.parseWithJackson(longest.getBytes(StandardCharsets.US_ASCII)))
                .isPresent();
        assertThat(StrictJson.parseObject(tooLong.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(StrictJson.parseWithJackson(tooLong.getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }
}
