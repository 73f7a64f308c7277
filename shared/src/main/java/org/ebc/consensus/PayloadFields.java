package org.ebc.consensus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one signed payload (or of a certificate object) strictly: exactly the expected
 * names, each of the expected shape. A failure is a {@link Malformed} that the codec turns into
 * {@link DecodeReason#MALFORMED_PAYLOAD}; it never leaves the package.
 */
final class PayloadFields {
    private final JsonNode node;

    PayloadFields(JsonNode node, List<String> expected) {
        if (!node.isObject()) {
            throw new Malformed("expected a JSON object");
        }
        this.node = node;
        if (node.size() != expected.size()) {
            throw new Malformed("expected exactly the fields " + expected);
        }
        Set<String> names = Set.copyOf(expected);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new Malformed("unexpected field " + name);
            }
        }
    }

    private JsonNode field(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            throw new Malformed(name + " missing");
        }
        return n;
    }

    long whole(String name, long min, long max) {
        JsonNode n = field(name);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw new Malformed(name + " must be a whole number " + min + ".." + max);
        }
        return n.longValue();
    }

    int wholeInt(String name, int min, int max) {
        return (int) whole(name, min, max);
    }

    String text(String name, int maxChars) {
        JsonNode n = field(name);
        if (!n.isTextual() || n.textValue().length() > maxChars) {
            throw new Malformed(name + " must be a string of at most " + maxChars + " characters");
        }
        return n.textValue();
    }

    EagId eag(String name) {
        String v = text(name, 64);
        if (!EagId.isValid(v)) {
            throw new Malformed(name + " is not an EAG id");
        }
        return EagId.of(v);
    }

    BlockHash hash(String name) {
        String v = text(name, 64);
        if (!BlockHash.isValid(v)) {
            throw new Malformed(name + " must be 64 lowercase hex characters");
        }
        return new BlockHash(v);
    }

    @Nullable
    BlockHash hashOrNull(String name) {
        return field(name).isNull() ? null : hash(name);
    }

    GenesisHash genesis(String name) {
        String v = text(name, 64);
        if (!GenesisHash.isValid(v)) {
            throw new Malformed(name + " must be 64 lowercase hex characters");
        }
        return new GenesisHash(v);
    }

    JsonNode array(String name, int maxItems) {
        JsonNode n = field(name);
        if (!n.isArray() || n.size() > maxItems) {
            throw new Malformed(name + " must be an array of at most " + maxItems + " items");
        }
        return n;
    }

    /** Opaque bytes written as {@link Base64Chunks}; never empty. */
    byte[] chunks(String name) {
        JsonNode a = array(name, Integer.MAX_VALUE);
        List<String> parts = new ArrayList<>(a.size());
        for (JsonNode c : a) {
            if (!c.isTextual()) {
                throw new Malformed(name + " must be an array of Base64 strings");
            }
            parts.add(c.textValue());
        }
        byte[] data = Base64Chunks.decode(parts);
        if (data == null || data.length == 0) {
            throw new Malformed(name + " must be non-empty Base64 in chunks of at most " + Base64Chunks.CHUNK);
        }
        return data;
    }

    /** Embedded signed envelopes (votes), each as one JSON string. */
    List<byte[]> envelopes(String name, int maxItems) {
        JsonNode a = array(name, maxItems);
        List<byte[]> out = new ArrayList<>(a.size());
        for (JsonNode e : a) {
            if (!e.isTextual() || e.textValue().isEmpty()) {
                throw new Malformed(name + " must be an array of signed envelopes as strings");
            }
            out.add(e.textValue().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** One embedded signed envelope as a JSON string, or null. */
    byte @Nullable [] envelopeOrNull(String name) {
        JsonNode n = field(name);
        if (n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().isEmpty()) {
            throw new Malformed(name + " must be a signed envelope as a string, or null");
        }
        return n.textValue().getBytes(StandardCharsets.UTF_8);
    }

    JsonNode object(String name) {
        JsonNode n = field(name);
        if (!n.isObject()) {
            throw new Malformed(name + " must be an object");
        }
        return n;
    }

    /** The common start of every payload: {@code typ, from, seq, ts, gen}. */
    static void writeHeader(JsonGenerator g, MessageKind kind, EagId from, long seq, long ts, GenesisHash gen)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("typ", kind.typ());
        g.writeStringField("from", from.value());
        g.writeNumberField("seq", seq);
        g.writeNumberField("ts", ts);
        g.writeStringField("gen", gen.hex());
    }

    static void writeChunks(JsonGenerator g, String name, byte[] data) throws IOException {
        g.writeArrayFieldStart(name);
        for (String c : Base64Chunks.encode(data)) {
            g.writeString(c);
        }
        g.writeEndArray();
    }

    static void writeEnvelopes(JsonGenerator g, String name, List<byte[]> envelopes) throws IOException {
        g.writeArrayFieldStart(name);
        for (byte[] e : envelopes) {
            g.writeString(new String(e, StandardCharsets.UTF_8));
        }
        g.writeEndArray();
    }

    /** A payload or certificate that does not have the expected shape. Internal: the codec reports it. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
