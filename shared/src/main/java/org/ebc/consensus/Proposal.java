package org.ebc.consensus;

import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * The leader's block for one height and round (the paper's "the leader broadcasts block data, timestamp
 * and its proof of work"). In round 0 the leader is the EAG whose miner found the block (the first valid
 * proof of work each EAG sees); from round 1 on it is the round's scheduled proposer, who may re-propose a
 * block mined by another EAG.
 *
 * <p>A re-proposal ({@code validRound ≥ 0}) carries its justification: a quorum of signed audits that
 * approved this block in round {@code validRound} (Tendermint's proof-of-lock, carried in the message as
 * QBFT carries its prepared certificate), so that an EAG locked on another block may accept it without
 * having seen those audits itself.
 *
 * <p>Wire fields after the header: {@code h, r, block, vr, data, pol}.
 *
 * @param from the proposing EAG
 * @param timestampMillis the proposer's clock
 * @param genesis the consortium's genesis
 * @param height the height, from 1
 * @param round the round, from 0
 * @param block the block's hash as the chain computes it
 * @param validRound the round whose audits justify this block, or -1 for a block proposed afresh
 * @param blockData the block's bytes, opaque to consensus
 * @param justification the signed audits of round {@code validRound} for {@code block}; empty if -1
 */
public record Proposal(
        EagId from,
        long timestampMillis,
        GenesisHash genesis,
        long height,
        int round,
        BlockHash block,
        int validRound,
        byte[] blockData,
        List<byte[]> justification)
        implements RoundMessage {
    static final List<String> FIELDS =
            List.of("typ", "from", "seq", "ts", "gen", "h", "r", "block", "vr", "data", "pol");

    public Proposal {
        RoundMessage.requireSlot(height, round);
        if (validRound != -1 && (validRound < 0 || validRound >= round)) {
            throw new IllegalArgumentException("vr must be -1 or 0.." + (round - 1) + ", not " + validRound);
        }
        justification = List.copyOf(justification);
        if ((validRound == -1) != justification.isEmpty()) {
            throw new IllegalArgumentException("pol must be empty exactly when vr is -1");
        }
        if (blockData.length == 0) {
            throw new IllegalArgumentException("data must not be empty");
        }
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PROPOSAL;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height, timestampMillis, genesis);
            g.writeNumberField("h", height);
            g.writeNumberField("r", round);
            g.writeStringField("block", block.hex());
            g.writeNumberField("vr", validRound);
            PayloadFields.writeChunks(g, "data", blockData);
            PayloadFields.writeEnvelopes(g, "pol", justification);
            g.writeEndObject();
        });
    }

    static Proposal read(PayloadFields f, EagId from, long ts, GenesisHash gen, int maxVotes) {
        return new Proposal(
                from,
                ts,
                gen,
                f.whole("h", 1, Long.MAX_VALUE),
                f.wholeInt("r", 0, MAX_ROUND),
                f.hash("block"),
                f.wholeInt("vr", -1, MAX_ROUND),
                f.chunks("data"),
                f.envelopes("pol", maxVotes));
    }

    @Override
    public String toString() {
        return "Proposal[" + from + " h=" + height + " r=" + round + " " + block.shortHex() + " vr=" + validRound
                + "]";
    }
}
