package org.ebc.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ebc.crypto.KeyPairs;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a verified envelope's payload for a message decoder, remembering the first field
 * that is missing or out of shape instead of throwing. A decoder reads every field it needs, then asks
 * {@link #problem()}; a getter whose field is bad returns a placeholder (null for objects) that the decoder
 * never uses, because it builds the message only when {@link #problem()} is null ({@link #result}).
 *
 * <p>Every field is required unless read with an {@code optional…} method, and fields the decoder did
 * not read are refused ({@link #noOtherFields}): a signed message with a field we do not understand is a
 * dialect we do not speak, not something to skip.
 *
 * <p>Not thread-safe; one per decoding.
 */
public final class PayloadFields {
    /**
     * Ids of bills, orders and the like: 1–64 characters of {@code [A-Za-z0-9._:/-]}. {@link #isReference} answers
     * the same without a regular expression (payments are checked on every block validation).
     */
    public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private static final List<String> COMMON = List.of("typ", "from", "seq", "ts");

    private final SignedEnvelope envelope;
    private final JsonNode p;
    private final List<String> read = new ArrayList<>(COMMON);
    private String problem;

    private PayloadFields(SignedEnvelope envelope, String expectedType) {
        this.envelope = envelope;
        this.p = envelope.payload();
        if (p == null) {
            problem = "the envelope was not parsed";
        } else if (!expectedType.equals(envelope.type())) {
            problem = "typ must be " + expectedType + ", not " + envelope.type();
        }
    }

    /** Starts reading a parsed envelope that must be of type {@code typ}. */
    public static PayloadFields of(SignedEnvelope parsed, String typ) {
        return new PayloadFields(parsed, typ);
    }

    /** The first problem, or null if every field read so far was fine. */
    public String problem() {
        return problem;
    }

    public boolean ok() {
        return problem == null;
    }

    /** The envelope's {@code from}, which must be a node id. */
    public NodeId fromNode() {
        return shaped("from", envelope.from(), NodeId::isValid, NodeId::of, "a node id", null);
    }

    /** The envelope's {@code from}, which must be an EAG id. */
    public EagId fromEag() {
        return shaped("from", envelope.from(), EagId::isValid, EagId::of, "an EAG id", null);
    }

    /** The envelope's {@code from}, which must be a wallet address. */
    public WalletAddress fromAddress() {
        return addressText("from", envelope.from());
    }

    public String text(String field, int maxLength) {
        String v = StrictJson.text(p, mark(field));
        if (v == null) {
            return fail(field, "a string", "");
        }
        if (v.isEmpty() || v.length() > maxLength) {
            return fail(field, "1-" + maxLength + " characters", "");
        }
        return v;
    }

    /** A string that may be empty (a detail sentence), at most {@code maxLength} characters. */
    public String optionalText(String field, int maxLength) {
        String v = StrictJson.text(p, mark(field));
        if (v == null || v.length() > maxLength) {
            return fail(field, "a string of at most " + maxLength + " characters", "");
        }
        return v;
    }

    /** A bill, order or similar id ({@link #REFERENCE}). */
    public String reference(String field) {
        String v = StrictJson.text(p, mark(field));
        if (!isReference(v)) {
            return fail(field, "1-64 characters of [A-Za-z0-9._:/-]", "x");
        }
        return v;
    }

    /** One of the given words. */
    public String word(String field, List<String> allowed) {
        String v = StrictJson.text(p, mark(field));
        if (v == null || !allowed.contains(v)) {
            return fail(field, "one of " + String.join(", ", allowed), allowed.get(0));
        }
        return v;
    }

    public long whole(String field, long min, long max) {
        Long v = StrictJson.wholeNumber(p, mark(field));
        if (v == null || v < min || v > max) {
            fail(field, "a whole number from " + min + " to " + max, "");
            return min;
        }
        return v;
    }

    public Energy energy(String field, long maxWh) {
        return Energy.ofWh(whole(field, 0, maxWh));
    }

    public CoinAmount amount(String field) {
        return CoinAmount.ofMinorUnits(whole(field, 0, Long.MAX_VALUE));
    }

    public Price price(String field) {
        return Price.ofMinorUnitsPerKWh(whole(field, 0, Long.MAX_VALUE));
    }

    public NodeId node(String field) {
        return shaped(field, StrictJson.text(p, mark(field)), NodeId::isValid, NodeId::of, "a node id", null);
    }

    public EagId eag(String field) {
        return shaped(field, StrictJson.text(p, mark(field)), EagId::isValid, EagId::of, "an EAG id", null);
    }

    public WalletAddress address(String field) {
        return addressText(field, StrictJson.text(p, mark(field)));
    }

    /** A P-256 public key as base64 SubjectPublicKeyInfo ({@link KeyPairs#decodeP256}). */
    public Optional<PublicKey> key(String field) {
        Optional<PublicKey> k = KeyPairs.decodeP256(StrictJson.text(p, mark(field)));
        if (k.isEmpty()) {
            fail(field, "a base64 P-256 SubjectPublicKeyInfo", "");
        }
        return k;
    }

    /** Standard base64 bytes (an embedded signed message, say), at most {@code maxBytes} decoded. */
    public byte[] base64(String field, int maxBytes) {
        String v = StrictJson.text(p, mark(field));
        if (v == null || v.length() > (maxBytes + 2) / 3 * 4) {
            return fail(field, "base64 of at most " + maxBytes + " bytes", new byte[0]);
        }
        try {
            byte[] b = Base64.getDecoder().decode(v);
            if (!Base64.getEncoder().encodeToString(b).equals(v)) {
                return fail(field, "canonical base64 (with padding)", new byte[0]);
            }
            return b;
        } catch (IllegalArgumentException e) {
            return fail(field, "base64", new byte[0]);
        }
    }

    /** A SHA-256 digest as 64 lowercase hex characters. */
    public String digest(String field) {
        String v = StrictJson.text(p, mark(field));
        if (!isHexDigest(v)) {
            return fail(field, "64 lowercase hex characters (SHA-256)", "0".repeat(64));
        }
        return v;
    }

    /** True if {@code text} matches {@link #REFERENCE}: 1–64 characters of {@code [A-Za-z0-9._:/-]}. */
    public static boolean isReference(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '/'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code text} is a SHA-256 digest as 64 lowercase hex characters ({@code [0-9a-f]{64}}). */
    public static boolean isHexDigest(@Nullable String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The elements of an array field (at most {@code maxElements}); empty after a problem. */
    public List<JsonNode> array(String field, int maxElements) {
        JsonNode n = p == null ? null : p.get(mark(field));
        if (n == null || !n.isArray() || n.size() > maxElements) {
            return fail(field, "an array of at most " + maxElements + " elements", List.of());
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    /** Refuses any payload field the decoder did not read. Call it last. */
    public void noOtherFields() {
        if (problem != null || p == null) {
            return;
        }
        for (var names = p.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                problem = "unknown field " + name;
                return;
            }
        }
    }

    /** The decoded message, or the first problem. */
    public <T> Decoded<T> result(java.util.function.Supplier<T> build) {
        noOtherFields();
        if (problem != null) {
            return Decoded.failure(problem);
        }
        try {
            return Decoded.of(build.get());
        } catch (IllegalArgumentException e) {
            // A record's own invariant (say, from = to): still the sender's fault, still not a throw.
            return Decoded.failure(e.getMessage());
        }
    }

    private String mark(String field) {
        read.add(field);
        return field;
    }

    private WalletAddress addressText(String field, String text) {
        WalletAddress.Parsed a = WalletAddress.parse(text);
        if (!a.isOk()) {
            return fail(field, "a wallet address (" + a.problem() + ")", null);
        }
        return a.address();
    }

    private <T> T shaped(
            String field,
            String text,
            java.util.function.Predicate<String> valid,
            Function<String, T> make,
            String what,
            T placeholder) {
        if (text == null || !valid.test(text)) {
            return fail(field, what, placeholder);
        }
        return make.apply(text);
    }

    private <T> T fail(String field, String expected, T placeholder) {
        if (problem == null) {
            problem = field + " must be " + expected;
        }
        return placeholder;
    }
}
