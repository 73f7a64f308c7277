package org.ebc.gateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * The order-book file ({@code docs/market.md} § Order-book file): what {@code eag-gateway market export} writes
 * for one slot and {@code eag-gateway market clear} re-clears. JSON, one order per line, orders in arrival
 * order; every number an integer (Wh, minor units per kWh, epoch ms, ms). Each order may carry its signed
 * envelope as received ({@code envelope}, text), which the reader keeps but the clearing never reads.
 *
 * <p>{@link #read} never throws: a hostile or damaged file gives a {@link Refused} with a {@link BookFileProblem}
 * and a detail naming the field (e.g. {@code orders[3].wh}). Thread-safe (stateless).
 */
public final class OrderBookFile {
    public static final String FORMAT = "ebc-order-book/1";
    /** The largest file read: 256 MiB, some hundred times a 10,000-order book with envelopes. */
    public static final int MAX_BYTES = 256 * 1024 * 1024;

    private static final Set<String> TOP = Set.of("format", "eag", "slot", "parameters", "posted", "orders");
    private static final Set<String> PARAMETERS = Set.of(
            "mode",
            "pricing",
            "slotLengthMs",
            "gateLeadMs",
            "offerWindowMs",
            "settlementGraceMs",
            "horizonSlots",
            "retail",
            "feedIn",
            "maxOrderWh",
            "maxLimitPrice");
    private static final Set<String> POSTED = Set.of("demand", "referenceSupply", "price");
    private static final Set<String> ORDER =
            Set.of("arrival", "node", "seq", "wallet", "side", "wh", "limit", "envelope");
    private static final long MAX_MS = Duration.ofDays(1).toMillis();

    private OrderBookFile() {}

    /**
     * One file's contents.
     *
     * @param eag the EAG whose market this was
     * @param book the book
     * @param envelopes the signed envelope of each order that carries one, as text
     */
    public record BookFile(EagId eag, OrderBook book, Map<OrderId, String> envelopes) {
        public BookFile {
            Objects.requireNonNull(eag, "eag");
            Objects.requireNonNull(book, "book");
            envelopes = Map.copyOf(envelopes);
        }
    }

    /** What {@link #read} found. */
    public sealed interface Outcome permits Read, Refused {}

    /** A readable file. */
    public record Read(BookFile file) implements Outcome {}

    /** A refused file: why, and where. */
    public record Refused(BookFileProblem problem, String detail) implements Outcome {
        @Override
        public String toString() {
            return problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": " + detail;
        }
    }

    /** Writes {@code book} as a file of {@code eag}, orders in arrival order, with the given envelopes. */
    public static byte[] write(EagId eag, OrderBook book, Map<OrderId, String> envelopes) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + 200 * book.orders().size());
        MarketParameters p = book.parameters();
        text(out, "{\n\"format\": ");
        value(out, StrictJson.write(g -> g.writeString(FORMAT)));
        text(out, ",\n\"eag\": ");
        value(out, StrictJson.write(g -> g.writeString(eag.value())));
        text(out, ",\n\"slot\": " + book.slot().startMs() + ",\n\"parameters\": ");
        value(out, StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("mode", p.mode().wireName());
            g.writeStringField("pricing", p.pricing().wireName());
            g.writeNumberField("slotLengthMs", p.slotLength().toMillis());
            g.writeNumberField("gateLeadMs", p.gateLead().toMillis());
            g.writeNumberField("offerWindowMs", p.offerWindow().toMillis());
            g.writeNumberField("settlementGraceMs", p.settlementGrace().toMillis());
            g.writeNumberField("horizonSlots", p.horizonSlots());
            g.writeNumberField("retail", p.retailTariff().minorUnitsPerKWh());
            g.writeNumberField("feedIn", p.feedInTariff().minorUnitsPerKWh());
            g.writeNumberField("maxOrderWh", p.maxOrderEnergy().wh());
            g.writeNumberField("maxLimitPrice", p.maxLimitPrice().minorUnitsPerKWh());
            g.writeEndObject();
        }));
        text(out, ",\n\"posted\": ");
        value(out, StrictJson.write(g -> {
            if (book.posted().isEmpty()) {
                g.writeNull();
                return;
            }
            PostedTerms t = book.posted().get();
            g.writeStartObject();
            g.writeNumberField("demand", t.demand().wh());
            g.writeNumberField("referenceSupply", t.referenceSupply().wh());
            g.writeNumberField("price", t.price().minorUnitsPerKWh());
            g.writeEndObject();
        }));
        text(out, ",\n\"orders\": [");
        List<Order> orders = new ArrayList<>(book.orders());
        orders.sort(Order::byArrival);
        String sep = "\n";
        for (Order o : orders) {
            text(out, sep);
            sep = ",\n";
            String envelope = envelopes.get(o.id());
            value(out, StrictJson.write(g -> {
                g.writeStartObject();
                g.writeNumberField("arrival", o.arrival());
                g.writeStringField("node", o.node().value());
                g.writeNumberField("seq", o.sequence());
                g.writeStringField("wallet", o.wallet().toString());
                g.writeStringField("side", o.side().wireName());
                g.writeNumberField("wh", o.energy().wh());
                g.writeNumberField("limit", o.limit().minorUnitsPerKWh());
                if (envelope != null) {
                    g.writeStringField("envelope", envelope);
                }
                g.writeEndObject();
            }));
        }
        text(out, "\n]\n}\n");
        return out.toByteArray();
    }

    /** Reads a file; never throws. */
    public static Outcome read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return new Refused(BookFileProblem.TOO_LARGE, bytes.length + " bytes, at most " + MAX_BYTES);
        }
        Optional<JsonNode> root = StrictJson.parseObject(bytes);
        if (root.isEmpty()) {
            return new Refused(
                    BookFileProblem.NOT_JSON,
                    "not one strict JSON object (invalid JSON or UTF-8, a duplicate key, trailing bytes, nesting deeper"
                            + " than 8, or a string over 16 KiB)");
        }
        try {
            return new Read(parse(root.get()));
        } catch (Refusal r) {
            return new Refused(r.problem, r.detail);
        }
    }

    private static BookFile parse(JsonNode root) throws Refusal {
        if (!FORMAT.equals(StrictJson.text(root, "format"))) {
            throw new Refusal(BookFileProblem.UNSUPPORTED_FORMAT, "format must be \"" + FORMAT + "\"");
        }
        onlyFields(root, TOP, "");
        String eagText = requireText(root, "eag", "eag");
        if (!EagId.isValid(eagText)) {
            throw new Refusal(BookFileProblem.BAD_VALUE, "eag: not an EAG id");
        }
        long slotStart = whole(root, "slot", "slot", Long.MIN_VALUE, Long.MAX_VALUE);
        MarketParameters parameters = parameters(object(root, "parameters", "parameters"));
        Optional<ParameterProblem> pp = parameters.problem();
        if (pp.isPresent()) {
            throw new Refusal(
                    BookFileProblem.BAD_PARAMETERS,
                    "parameters: " + pp.get().key() + ": expected " + pp.get().expected());
        }
        long slotLength = parameters.slotLength().toMillis();
        if (!MarketSlot.isAligned(slotStart, slotLength)) {
            throw new Refusal(
                    BookFileProblem.BAD_VALUE,
                    "slot: " + slotStart + " is not a multiple of the slot length " + slotLength);
        }
        MarketSlot slot = new MarketSlot(slotStart, slotLength);
        Optional<PostedTerms> posted = posted(root);
        JsonNode ordersNode = field(root, "orders", "orders");
        if (!ordersNode.isArray()) {
            throw new Refusal(BookFileProblem.BAD_VALUE, "orders: must be an array");
        }
        List<Order> orders = new ArrayList<>(ordersNode.size());
        Map<OrderId, String> envelopes = new LinkedHashMap<>();
        int k = 0;
        for (Iterator<JsonNode> it = ordersNode.elements(); it.hasNext(); k++) {
            String path = "orders[" + k + "]";
            JsonNode o = it.next();
            if (!o.isObject()) {
                throw new Refusal(BookFileProblem.BAD_VALUE, path + ": must be an object");
            }
            Order order = order(o, path);
            orders.add(order);
            if (o.has("envelope")) {
                envelopes.put(order.id(), requireText(o, "envelope", path + ".envelope"));
            }
        }
        Optional<OrderBook.Check> check = OrderBook.check(slot, parameters, orders, posted);
        if (check.isPresent()) {
            throw new Refusal(
                    BookFileProblem.BAD_BOOK,
                    check.get()
                                    .problem()
                                    .name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', '-') + ": " + check.get().detail());
        }
        return new BookFile(EagId.of(eagText), new OrderBook(slot, parameters, orders, posted), envelopes);
    }

    private static MarketParameters parameters(JsonNode p) throws Refusal {
        onlyFields(p, PARAMETERS, "parameters.");
        String modeText = requireText(p, "mode", "parameters.mode");
        MarketMode mode = MarketMode.parse(modeText)
                .orElseThrow(() -> new Refusal(BookFileProblem.BAD_VALUE, "parameters.mode: posted or auction"));
        String pricingText = requireText(p, "pricing", "parameters.pricing");
        Pricing pricing = Pricing.parse(pricingText)
                .orElseThrow(
                        () -> new Refusal(BookFileProblem.BAD_VALUE, "parameters.pricing: pay-as-clear or pay-as-bid"));
        return new MarketParameters(
                mode,
                pricing,
                Duration.ofMillis(whole(p, "slotLengthMs", "parameters.slotLengthMs", 0, MAX_MS)),
                Duration.ofMillis(whole(p, "gateLeadMs", "parameters.gateLeadMs", 0, MAX_MS)),
                Duration.ofMillis(whole(p, "offerWindowMs", "parameters.offerWindowMs", 0, MAX_MS)),
                Duration.ofMillis(whole(p, "settlementGraceMs", "parameters.settlementGraceMs", 0, MAX_MS)),
                (int) whole(p, "horizonSlots", "parameters.horizonSlots", 0, MarketParameters.MAX_HORIZON_SLOTS),
                price(p, "retail", "parameters.retail"),
                price(p, "feedIn", "parameters.feedIn"),
                Energy.ofWh(
                        whole(p, "maxOrderWh", "parameters.maxOrderWh", 0, MarketParameters.ORDER_ENERGY_CEILING.wh())),
                price(p, "maxLimitPrice", "parameters.maxLimitPrice"));
    }

    private static Optional<PostedTerms> posted(JsonNode root) throws Refusal {
        JsonNode t = field(root, "posted", "posted");
        if (t.isNull()) {
            return Optional.empty();
        }
        if (!t.isObject()) {
            throw new Refusal(BookFileProblem.BAD_VALUE, "posted: must be an object or null");
        }
        onlyFields(t, POSTED, "posted.");
        return Optional.of(new PostedTerms(
                Energy.ofWh(whole(t, "demand", "posted.demand", 0, Long.MAX_VALUE)),
                Energy.ofWh(whole(t, "referenceSupply", "posted.referenceSupply", 0, Long.MAX_VALUE)),
                price(t, "price", "posted.price")));
    }

    private static Order order(JsonNode o, String path) throws Refusal {
        onlyFields(o, ORDER, path + ".");
        long arrival = whole(o, "arrival", path + ".arrival", 0, Long.MAX_VALUE);
        String node = requireText(o, "node", path + ".node");
        if (!NodeId.isValid(node)) {
            throw new Refusal(BookFileProblem.BAD_VALUE, path + ".node: not a node id");
        }
        long seq = whole(o, "seq", path + ".seq", 0, Long.MAX_VALUE);
        WalletAddress.Parsed wallet = WalletAddress.parse(requireText(o, "wallet", path + ".wallet"));
        if (!wallet.isOk()) {
            throw new Refusal(
                    BookFileProblem.BAD_VALUE, path + ".wallet: not a wallet address (" + wallet.problem() + ")");
        }
        Side side = Side.parse(requireText(o, "side", path + ".side"))
                .orElseThrow(() -> new Refusal(BookFileProblem.BAD_VALUE, path + ".side: buy or sell"));
        long wh = whole(o, "wh", path + ".wh", 1, MarketParameters.ORDER_ENERGY_CEILING.wh());
        Price limit = price(o, "limit", path + ".limit");
        return new Order(NodeId.of(node), seq, wallet.address(), side, Energy.ofWh(wh), limit, arrival);
    }

    private static Price price(JsonNode obj, String name, String path) throws Refusal {
        return Price.ofMinorUnitsPerKWh(whole(obj, name, path, 0, MarketParameters.PRICE_CEILING.minorUnitsPerKWh()));
    }

    private static JsonNode field(JsonNode obj, String name, String path) throws Refusal {
        JsonNode n = obj.get(name);
        if (n == null) {
            throw new Refusal(BookFileProblem.MISSING_FIELD, path + ": missing");
        }
        return n;
    }

    private static JsonNode object(JsonNode obj, String name, String path) throws Refusal {
        JsonNode n = field(obj, name, path);
        if (!n.isObject()) {
            throw new Refusal(BookFileProblem.BAD_VALUE, path + ": must be an object");
        }
        return n;
    }

    private static String requireText(JsonNode obj, String name, String path) throws Refusal {
        JsonNode n = field(obj, name, path);
        if (!n.isTextual()) {
            throw new Refusal(BookFileProblem.BAD_VALUE, path + ": must be a string");
        }
        return n.textValue();
    }

    private static long whole(JsonNode obj, String name, String path, long min, long max) throws Refusal {
        JsonNode n = field(obj, name, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw new Refusal(BookFileProblem.BAD_VALUE, path + ": must be a whole number from " + min + " to " + max);
        }
        return n.longValue();
    }

    private static void onlyFields(JsonNode obj, Set<String> allowed, String prefix) throws Refusal {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new Refusal(
                        BookFileProblem.UNKNOWN_FIELD, prefix + printable(name) + ": not a field of " + FORMAT);
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void value(ByteArrayOutputStream out, byte[] json) {
        out.writeBytes(json);
    }

    /** A refusal found deep in the tree; caught in {@link #read}, never thrown past it. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final BookFileProblem problem;
        private final String detail;

        Refusal(BookFileProblem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
            this.detail = detail;
        }
    }
}
