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
 * Posted mode (the paper's §II.B.3): the transaction server has counted the slot's energy requests and
 * broadcasts the total with the price it will pay local sellers, on {@code ebc/v1/<eag>/market/demand};
 * sellers answer with sell orders until gate closure.
 *
 * <pre>{"typ":"demand","from":"&lt;eag&gt;","seq":&lt;slot start ms&gt;,"ts":&lt;ms&gt;,"slot":&lt;slot start ms&gt;,
 *  "wh":&lt;total demand&gt;,"price":&lt;posted price, minor units per kWh&gt;}</pre>
 */
public record DemandNotice(EagId eag, Instant at, Instant slot, Energy demand, Price price) {
    public static final String TYPE = "demand";

    public DemandNotice {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(price, "price");
        if (demand.isNegative()) {
            throw new IllegalArgumentException("negative demand " + demand);
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
            g.writeNumberField("wh", demand.wh());
            g.writeNumberField("price", price.minorUnitsPerKWh());
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<DemandNotice> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        long slot = f.whole("slot", 0, Long.MAX_VALUE);
        Energy wh = f.energy("wh", Long.MAX_VALUE);
        Price price = f.price("price");
        if (f.ok() && e.seq() != slot) {
            return Decoded.failure("seq must be the slot start");
        }
        return f.result(() -> new DemandNotice(
                eag, Instant.ofEpochMilli(e.timestampMillis()), Instant.ofEpochMilli(slot), wh, price));
    }
}
