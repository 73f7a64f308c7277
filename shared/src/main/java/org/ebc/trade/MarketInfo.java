package org.ebc.trade;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.ebc.wallet.WalletAddress;

/**
 * The market's rules as the EAG runs them, signed and published retained on
 * {@code ebc/v1/<eag>/market/info}, so an agent knows when to order and what the grid would charge or pay:
 *
 * <pre>{"typ":"market-info","from":"&lt;eag&gt;","seq":&lt;version&gt;,"ts":&lt;ms&gt;,"mode":"posted|auction",
 *  "pricing":"pay-as-clear|pay-as-bid","slotMs":…,"gateLeadMs":…,"offerWindowMs":…,"horizonSlots":…,
 *  "retail":&lt;minor units per kWh&gt;,"feedin":…,"maxWh":…,"grid":"&lt;the EAG's grid address&gt;"}</pre>
 *
 * <p>Slots start at whole multiples of the slot length since the epoch; orders for a slot close the gate lead
 * before its start; in posted mode buy requests close one offer window earlier still, when the demand notice
 * goes out and sellers may answer.
 */
public record MarketInfo(
        EagId eag,
        long seq,
        Instant at,
        String mode,
        String pricing,
        Duration slotLength,
        Duration gateLead,
        Duration offerWindow,
        int horizonSlots,
        Price retail,
        Price feedIn,
        Energy maxOrder,
        WalletAddress grid) {
    public static final String TYPE = "market-info";
    public static final List<String> MODES = List.of("posted", "auction");
    public static final List<String> PRICINGS = List.of("pay-as-clear", "pay-as-bid");

    public MarketInfo {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(grid, "grid");
        if (!MODES.contains(mode) || !PRICINGS.contains(pricing)) {
            throw new IllegalArgumentException("mode " + mode + " / pricing " + pricing + " unknown");
        }
        if (slotLength.toMillis() <= 0 || gateLead.isNegative() || offerWindow.isNegative() || horizonSlots < 1) {
            throw new IllegalArgumentException("bad market timing");
        }
    }

    public boolean posted() {
        return mode.equals("posted");
    }

    /** The start of the slot containing {@code t}. */
    public Instant slotOf(Instant t) {
        long len = slotLength.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), len) * len);
    }

    /** When orders for the slot starting at {@code slot} close. */
    public Instant gateClosure(Instant slot) {
        return slot.minus(gateLead);
    }

    /** Posted mode: when buy requests for the slot close (the demand notice goes out). */
    public Instant requestClosure(Instant slot) {
        return gateClosure(slot).minus(offerWindow);
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("mode", mode);
            g.writeStringField("pricing", pricing);
            g.writeNumberField("slotMs", slotLength.toMillis());
            g.writeNumberField("gateLeadMs", gateLead.toMillis());
            g.writeNumberField("offerWindowMs", offerWindow.toMillis());
            g.writeNumberField("horizonSlots", horizonSlots);
            g.writeNumberField("retail", retail.minorUnitsPerKWh());
            g.writeNumberField("feedin", feedIn.minorUnitsPerKWh());
            g.writeNumberField("maxWh", maxOrder.wh());
            g.writeStringField("grid", grid.toString());
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<MarketInfo> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        String mode = f.word("mode", MODES);
        String pricing = f.word("pricing", PRICINGS);
        long slot = f.whole("slotMs", 1, Duration.ofDays(1).toMillis());
        long lead = f.whole("gateLeadMs", 0, Duration.ofDays(1).toMillis());
        long window = f.whole("offerWindowMs", 0, Duration.ofDays(1).toMillis());
        long horizon = f.whole("horizonSlots", 1, 10_000);
        Price retail = f.price("retail");
        Price feedIn = f.price("feedin");
        Energy max = f.energy("maxWh", Order.MAX_WH);
        WalletAddress grid = f.address("grid");
        return f.result(() -> new MarketInfo(
                eag,
                e.seq(),
                Instant.ofEpochMilli(e.timestampMillis()),
                mode,
                pricing,
                Duration.ofMillis(slot),
                Duration.ofMillis(lead),
                Duration.ofMillis(window),
                (int) horizon,
                retail,
                feedIn,
                max,
                grid));
    }
}
