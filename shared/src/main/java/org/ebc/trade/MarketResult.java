package org.ebc.trade;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * A slot's clearing in aggregate, broadcast on {@code ebc/v1/<eag>/market/result}: what everyone may know.
 * Who traded with whom stays between the EAG and each node ({@link NodeAllocation}); {@code digest} is the
 * SHA-256 of the whole allocation's canonical bytes, so an auditor who re-runs the clearing on the exported
 * order book ({@code eag-gateway market clear}) can check it against what was published.
 *
 * <pre>{"typ":"market-result","from":"&lt;eag&gt;","seq":&lt;slot start ms&gt;,"ts":&lt;ms&gt;,"slot":…,"mode":…,
 *  "pricing":…,"price":&lt;clearing or posted price, 0 if none&gt;,"orders":&lt;n&gt;,"wh":&lt;volume traded&gt;,
 *  "gridImportWh":&lt;unmatched demand&gt;,"gridExportWh":&lt;unmatched supply&gt;,"digest":"&lt;hex&gt;"}</pre>
 */
public record MarketResult(
        EagId eag,
        Instant at,
        Instant slot,
        String mode,
        String pricing,
        Price price,
        int orders,
        Energy volume,
        Energy gridImport,
        Energy gridExport,
        String digest) {
    public static final String TYPE = "market-result";

    public MarketResult {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(price, "price");
        if (!MarketInfo.MODES.contains(mode) || !MarketInfo.PRICINGS.contains(pricing) || orders < 0) {
            throw new IllegalArgumentException("bad market result");
        }
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", slot.toEpochMilli());
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeNumberField("slot", slot.toEpochMilli());
            g.writeStringField("mode", mode);
            g.writeStringField("pricing", pricing);
            g.writeNumberField("price", price.minorUnitsPerKWh());
            g.writeNumberField("orders", orders);
            g.writeNumberField("wh", volume.wh());
            g.writeNumberField("gridImportWh", gridImport.wh());
            g.writeNumberField("gridExportWh", gridExport.wh());
            g.writeStringField("digest", digest);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<MarketResult> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        long slot = f.whole("slot", 0, Long.MAX_VALUE);
        String mode = f.word("mode", MarketInfo.MODES);
        String pricing = f.word("pricing", MarketInfo.PRICINGS);
        Price price = f.price("price");
        long orders = f.whole("orders", 0, Integer.MAX_VALUE);
        Energy wh = f.energy("wh", Long.MAX_VALUE);
        Energy imp = f.energy("gridImportWh", Long.MAX_VALUE);
        Energy exp = f.energy("gridExportWh", Long.MAX_VALUE);
        String digest = f.digest("digest");
        if (f.ok() && e.seq() != slot) {
            return Decoded.failure("seq must be the slot start");
        }
        return f.result(() -> new MarketResult(
                eag,
                Instant.ofEpochMilli(e.timestampMillis()),
                Instant.ofEpochMilli(slot),
                mode,
                pricing,
                price,
                (int) orders,
                wh,
                imp,
                exp,
                digest));
    }
}
