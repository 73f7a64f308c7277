package org.ebc.gateway.settlement;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Optional;
import org.ebc.gateway.market.OrderId;
import org.ebc.json.StrictJson;

/** The canonical encoding of a {@link SlotSettlement} ({@code docs/market.md} § Settlement). */
final class SettlementJson {
    static final String FORMAT = "ebc-settlement/1";

    private SettlementJson() {}

    static byte[] write(SlotSettlement s) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("slot", s.slot().startMs());
            g.writeNumberField("slotLength", s.slot().lengthMs());
            g.writeStringField("allocation", s.allocationDigest());
            g.writeStringField("grid", s.gridAccount().toString());
            g.writeNumberField("retail", s.retailTariff().minorUnitsPerKWh());
            g.writeNumberField("feedIn", s.feedInTariff().minorUnitsPerKWh());
            g.writeObjectFieldStart("totals");
            for (BillKind k : BillKind.values()) {
                g.writeObjectFieldStart(k.wireName());
                g.writeNumberField("wh", s.energy(k).wh());
                g.writeNumberField("amount", s.amount(k).minorUnits());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("lines");
            for (BillLine l : s.lines()) {
                g.writeStartObject();
                g.writeStringField("id", l.id());
                g.writeStringField("kind", l.kind().wireName());
                writeOrder(g, "sell", l.sellOrder());
                writeOrder(g, "buy", l.buyOrder());
                g.writeStringField("payer", l.payer().toString());
                g.writeStringField("payee", l.payee().toString());
                g.writeNumberField("wh", l.energy().wh());
                g.writeNumberField("price", l.price().minorUnitsPerKWh());
                g.writeNumberField("amount", l.amount().minorUnits());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("nodes");
            for (NodeSettlement n : s.nodes()) {
                g.writeStartObject();
                g.writeStringField("node", n.node().value());
                if (n.metering() instanceof Metering.Measured m) {
                    g.writeStringField("proof", "proven");
                    g.writeNullField("reason");
                    g.writeNumberField("import", m.imported().wh());
                    g.writeNumberField("export", m.exported().wh());
                } else {
                    g.writeStringField("proof", "unproven");
                    g.writeStringField("reason", ((Metering.Unproven) n.metering()).reason());
                    g.writeNullField("import");
                    g.writeNullField("export");
                }
                g.writeNumberField("ordered", n.ordered().wh());
                g.writeNumberField("offered", n.offered().wh());
                g.writeNumberField("bought", n.bought().wh());
                g.writeNumberField("sold", n.sold().wh());
                g.writeNumberField("delivered", n.delivered().wh());
                g.writeNumberField("received", n.received().wh());
                g.writeNumberField("p2pImport", n.p2pImport().wh());
                g.writeNumberField("p2pExport", n.p2pExport().wh());
                g.writeNumberField("gridImport", n.gridImport().wh());
                g.writeNumberField("gridExport", n.gridExport().wh());
                g.writeNumberField("paid", n.paid().minorUnits());
                g.writeNumberField("earned", n.earned().minorUnits());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeOrder(JsonGenerator g, String field, Optional<OrderId> order) throws IOException {
        if (order.isPresent()) {
            g.writeStringField(field, order.get().toString());
        } else {
            g.writeNullField(field);
        }
    }
}
