package org.ebc.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * Committed blocks {@code height, height+1, …} with their certificates, and the sender's committed height
 * {@code tip}, so the receiver knows whether to ask for the next batch. The receiver trusts none of it:
 * it verifies every certificate and audits every block before it stores it.
 *
 * <p>Wire fields after the header: {@code h, tip, blocks}, each block {@code {"data":[…],"cert":{…}}}.
 */
public record SyncBlocks(
        EagId from, long timestampMillis, GenesisHash genesis, long height, long tip, List<CertifiedBlock> blocks)
        implements ConsensusPayload {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "tip", "blocks");
    private static final List<String> BLOCK_FIELDS = List.of("data", "cert");

    public SyncBlocks {
        blocks = List.copyOf(blocks);
        if (height < 1 || tip < 0) {
            throw new IllegalArgumentException("h must be >= 1 and tip >= 0");
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).height() != height + i) {
                throw new IllegalArgumentException(
                        "block " + i + " has height " + blocks.get(i).height() + ", expected " + (height + i));
            }
        }
        if (!blocks.isEmpty() && tip < height + blocks.size() - 1) {
            throw new IllegalArgumentException("tip " + tip + " is below the last block sent");
        }
        if (blocks.size() > SyncRequest.MAX_BATCH) {
            throw new IllegalArgumentException("at most " + SyncRequest.MAX_BATCH + " blocks per answer");
        }
    }

    @Override
    public MessageKind kind() {
        return MessageKind.SYNC_BLOCKS;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height, timestampMillis, genesis);
            g.writeNumberField("h", height);
            g.writeNumberField("tip", tip);
            g.writeArrayFieldStart("blocks");
            for (CertifiedBlock b : blocks) {
                g.writeStartObject();
                PayloadFields.writeChunks(g, "data", b.block());
                g.writeObjectFieldStart("cert");
                b.certificate().writeFields(g);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static SyncBlocks read(PayloadFields f, EagId from, long ts, GenesisHash gen, int maxVotes) {
        long height = f.whole("h", 1, Long.MAX_VALUE);
        long tip = f.whole("tip", 0, Long.MAX_VALUE);
        JsonNode array = f.array("blocks", SyncRequest.MAX_BATCH);
        List<CertifiedBlock> blocks = new ArrayList<>(array.size());
        for (JsonNode b : array) {
            PayloadFields bf = new PayloadFields(b, BLOCK_FIELDS);
            byte[] data = bf.chunks("data");
            CommitCertificate cert =
                    CommitCertificate.read(new PayloadFields(bf.object("cert"), CommitCertificate.FIELDS), maxVotes);
            blocks.add(new CertifiedBlock(data, cert));
        }
        return new SyncBlocks(from, ts, gen, height, tip, blocks);
    }

    @Override
    public String toString() {
        return "SyncBlocks[" + from + " h=" + height + " tip=" + tip + ", " + blocks.size() + " blocks]";
    }
}
