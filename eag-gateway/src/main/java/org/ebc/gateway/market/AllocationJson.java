package org.ebc.gateway.market;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Optional;
import org.ebc.json.StrictJson;
import org.ebc.units.Price;

/**
 * The canonical encoding of an {@link Allocation} ({@code docs/market.md} § Allocation): compact JSON from
 * {@link StrictJson#write}, fields in this fixed order, integers only.
 */
final class AllocationJson {
    static final String FORMAT = "ebc-allocation/1";

    private AllocationJson() {}

    static byte[] write(Allocation a) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("slot", a.slot().startMs());
            g.writeNumberField("slotLength", a.slot().lengthMs());
            g.writeStringField("mode", a.mode().wireName());
            g.writeStringField("pricing", a.pricing().wireName());
            g.writeNumberField("retail", a.retailTariff().minorUnitsPerKWh());
            g.writeNumberField("feedIn", a.feedInTariff().minorUnitsPerKWh());
            writePrice(g, "price", a.price());
            writePosted(g, a.posted());
            g.writeNumberField("volume", a.volume().wh());
            g.writeNumberField("gridImport", a.gridImport().wh());
            g.writeNumberField("gridExport", a.gridExport().wh());
            g.writeArrayFieldStart("trades");
            for (Trade t : a.trades()) {
                g.writeStartObject();
                g.writeStringField("sell", t.sell().toString());
                g.writeStringField("buy", t.buy().toString());
                g.writeStringField("seller", t.seller().toString());
                g.writeStringField("buyer", t.buyer().toString());
                g.writeNumberField("wh", t.energy().wh());
                g.writeNumberField("price", t.price().minorUnitsPerKWh());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("orders");
            for (OrderResult r : a.orders()) {
                g.writeStartObject();
                g.writeStringField("order", r.order().toString());
                g.writeStringField("side", r.side().wireName());
                g.writeStringField("wallet", r.wallet().toString());
                g.writeNumberField("wh", r.energy().wh());
                g.writeNumberField("matched", r.matched().wh());
                g.writeNumberField("grid", r.grid().wh());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void writePrice(JsonGenerator g, String field, Optional<Price> price) throws IOException {
        if (price.isPresent()) {
            g.writeNumberField(field, price.get().minorUnitsPerKWh());
        } else {
            g.writeNullField(field);
        }
    }

    static void writePosted(JsonGenerator g, Optional<PostedTerms> posted) throws IOException {
        if (posted.isEmpty()) {
            g.writeNullField("posted");
            return;
        }
        PostedTerms t = posted.get();
        g.writeObjectFieldStart("posted");
        g.writeNumberField("demand", t.demand().wh());
        g.writeNumberField("referenceSupply", t.referenceSupply().wh());
        g.writeNumberField("price", t.price().minorUnitsPerKWh());
        g.writeEndObject();
    }
}
