package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The first leaf of every block: what the block mints. It pays the mining reward to the miner EAG's address
 * and settles pending proof-of-flow awards, each named by its award transaction's id. Not signed (nothing
 * in it is anyone's choice but the rules'); the header's Merkle root and the miner's signature over the
 * header cover it. Exact encoding, fields in this order, no spaces:
 *
 * <pre>
 * {"typ":"coinbase","chain":"&lt;genesis hash&gt;","height":&lt;h&gt;,"miner":"&lt;eag id&gt;","to":"&lt;miner address&gt;",
 *  "reward":&lt;minor&gt;,"awards":[{"tx":"&lt;award tx id&gt;","to":"&lt;address&gt;","amount":&lt;minor&gt;}, …]}
 * </pre>
 *
 * {@code chain} and {@code height} make every coinbase's bytes, and so its id, unique: two coinbases paying
 * the same miner the same reward would otherwise be one transaction twice (Bitcoin's BIP 30 problem).
 *
 * @param raw the exact bytes (the Merkle leaf value is their SHA-256)
 * @param chain the genesis hash
 * @param height the block's height
 * @param miner the mining EAG
 * @param to the miner's reward address ({@code WalletAddress.of(miner key)})
 * @param reward the mining reward, minor units (the genesis fixes it)
 * @param awards the pending awards this block pays, each once
 */
public record Coinbase(
        byte[] raw,
        Sha256Hash chain,
        long height,
        EagId miner,
        WalletAddress to,
        CoinAmount reward,
        List<Award> awards) {
    public static final String TYPE = "coinbase";
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_AWARDS = 5_000;

    /**
     * One settled award.
     *
     * @param tx the id of the {@code award} transaction that recorded it
     * @param to its recipient (as the award says)
     * @param amount what it pays (as the award says)
     */
    public record Award(Sha256Hash tx, WalletAddress to, CoinAmount amount) {}

    public Coinbase {
        awards = List.copyOf(awards);
    }

    /** Writes a coinbase. */
    public static Coinbase of(
            Sha256Hash chain, long height, EagId miner, WalletAddress to, CoinAmount reward, List<Award> awards) {
        if (awards.size() > MAX_AWARDS || reward.isNegative()) {
            throw new IllegalArgumentException("at most " + MAX_AWARDS + " awards, and a reward >= 0");
        }
        return new Coinbase(encode(chain, height, miner, to, reward, awards), chain, height, miner, to, reward, awards);
    }

    private static byte[] encode(
            Sha256Hash chain, long height, EagId miner, WalletAddress to, CoinAmount reward, List<Award> awards) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("chain", chain.hex());
            g.writeNumberField("height", height);
            g.writeStringField("miner", miner.value());
            g.writeStringField("to", to.toString());
            g.writeNumberField("reward", reward.minorUnits());
            g.writeArrayFieldStart("awards");
            for (Award a : awards) {
                g.writeStartObject();
                g.writeStringField("tx", a.tx().hex());
                g.writeStringField("to", a.to().toString());
                g.writeNumberField("amount", a.amount().minorUnits());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Reads a coinbase in exactly the encoding above; never throws. */
    public static Outcome<FormatReason, Coinbase> parse(byte[] raw) {
        if (raw.length > MAX_BYTES) {
            return Outcome.refuse(FormatReason.TOO_LARGE, "coinbase of " + raw.length + " bytes");
        }
        Optional<JsonNode> json = StrictJson.parseObject(raw);
        if (json.isEmpty()) {
            return malformed("coinbase is not acceptable JSON");
        }
        JsonNode p = json.get();
        Optional<Sha256Hash> chain = Sha256Hash.parseHex(StrictJson.text(p, "chain"));
        Long height = StrictJson.wholeNumber(p, "height");
        String miner = StrictJson.text(p, "miner");
        Optional<WalletAddress> to = WalletAddress.tryParse(StrictJson.text(p, "to"));
        Long reward = StrictJson.wholeNumber(p, "reward");
        JsonNode list = p.get("awards");
        if (!TYPE.equals(StrictJson.text(p, "typ"))
                || chain.isEmpty()
                || height == null
                || height < 1
                || !EagId.isValid(miner)
                || to.isEmpty()
                || reward == null
                || reward < 0
                || list == null
                || !list.isArray()
                || list.size() > MAX_AWARDS) {
            return malformed("coinbase fields missing or invalid");
        }
        List<Award> awards = new ArrayList<>();
        for (JsonNode a : list) {
            Optional<Sha256Hash> tx = a.isObject() ? Sha256Hash.parseHex(StrictJson.text(a, "tx")) : Optional.empty();
            Optional<WalletAddress> at =
                    a.isObject() ? WalletAddress.tryParse(StrictJson.text(a, "to")) : Optional.empty();
            Long amount = a.isObject() ? StrictJson.wholeNumber(a, "amount") : null;
            if (tx.isEmpty() || at.isEmpty() || amount == null || amount <= 0) {
                return malformed("coinbase award needs tx, to and a positive amount");
            }
            awards.add(new Award(tx.get(), at.get(), CoinAmount.ofMinorUnits(amount)));
        }
        Coinbase c = of(chain.get(), height, EagId.of(miner), to.get(), CoinAmount.ofMinorUnits(reward), awards);
        if (!Arrays.equals(c.raw, raw)) {
            return malformed("coinbase is not in the one accepted encoding");
        }
        return Outcome.ok(FormatReason.OK, c);
    }

    private static Outcome<FormatReason, Coinbase> malformed(String detail) {
        return Outcome.refuse(FormatReason.MALFORMED, detail);
    }

    /** The coinbase's id (its Merkle leaf value): SHA-256 of its bytes. */
    public Sha256Hash id() {
        return Sha256Hash.of(raw);
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    int size() {
        return raw.length;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Coinbase c && Arrays.equals(raw, c.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "coinbase of block " + height + ": " + reward + " to " + to + ", " + awards.size() + " award(s)";
    }
}
