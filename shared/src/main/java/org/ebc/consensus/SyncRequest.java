package org.ebc.consensus;

import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * "Send me your committed blocks from {@code height} on, at most {@code max} of them": sent by an EAG that
 * has restarted, healed from a partition, or seen a message of a height it has not reached.
 *
 * <p>Wire fields after the header: {@code h, max}.
 */
public record SyncRequest(EagId from, long timestampMillis, GenesisHash genesis, long height, int max)
        implements ConsensusPayload {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "max");
    public static final int MAX_BATCH = 1000;

    public SyncRequest {
        if (height < 1) {
            throw new IllegalArgumentException("h must be >= 1, not " + height);
        }
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("max must be 1.." + MAX_BATCH + ", not " + max);
        }
    }

    @Override
    public MessageKind kind() {
        return MessageKind.SYNC_REQUEST;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height, timestampMillis, genesis);
            g.writeNumberField("h", height);
            g.writeNumberField("max", max);
            g.writeEndObject();
        });
    }

    static SyncRequest read(PayloadFields f, EagId from, long ts, GenesisHash gen) {
        return new SyncRequest(from, ts, gen, f.whole("h", 1, Long.MAX_VALUE), f.wholeInt("max", 1, MAX_BATCH));
    }
}
