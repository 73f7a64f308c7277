package org.ebc.consensus;

import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * An EAG's reply to the leader after comparing the audit results it received (the paper's "compares its
 * result with others and sends a reply back to the leader"; Tendermint's precommit, QBFT's commit seal):
 * a quorum of EAGs approved {@code block} in this round, and this EAG is now locked on it. Only sent for a
 * block; a quorum of replies for one block, height and round is a {@link CommitCertificate}.
 *
 * <p>Wire fields after the header: {@code h, r, block}.
 */
public record Reply(EagId from, long timestampMillis, GenesisHash genesis, long height, int round, BlockHash block)
        implements RoundMessage {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "r", "block");

    public Reply {
        RoundMessage.requireSlot(height, round);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.REPLY;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height, timestampMillis, genesis);
            g.writeNumberField("h", height);
            g.writeNumberField("r", round);
            g.writeStringField("block", block.hex());
            g.writeEndObject();
        });
    }

    static Reply read(PayloadFields f, EagId from, long ts, GenesisHash gen) {
        return new Reply(
                from, ts, gen, f.whole("h", 1, Long.MAX_VALUE), f.wholeInt("r", 0, MAX_ROUND), f.hash("block"));
    }

    @Override
    public String toString() {
        return "Reply[" + from + " h=" + height + " r=" + round + " " + block.shortHex() + "]";
    }
}
