package org.ebc.consensus;

import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * The leader's signed statement "I propose block {@code block} at this height and round" (the paper's
 * leader broadcasting its block with its proof of work). It is small on purpose: it travels inside the
 * {@link ProposedBlock} that carries the block, and again inside every {@link Audit} that approves the
 * block, so that a leader who proposes two blocks to two halves of the consortium is caught by either
 * half (evidence needs both signed proposals to meet at one honest EAG).
 *
 * <p>In round 0 the leader is the EAG whose miner found the block (the first valid proof of work each
 * EAG sees); from round 1 on it is the round's scheduled proposer, who may re-propose a block that another
 * EAG mined. {@code validRound ≥ 0} marks a re-proposal justified by a quorum of audits of that round.
 *
 * <p>Wire fields after the header: {@code h, r, block, vr}.
 *
 * @param from the proposing EAG
 * @param timestampMillis the proposer's clock
 * @param genesis the consortium's genesis
 * @param height the height, from 1
 * @param round the round, from 0
 * @param block the block's hash as the chain computes it
 * @param validRound the round whose audits justify this block, or -1 for a block proposed afresh
 */
public record Proposal(
        EagId from, long timestampMillis, GenesisHash genesis, long height, int round, BlockHash block, int validRound)
        implements RoundMessage {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "r", "block", "vr");

    public Proposal {
        RoundMessage.requireSlot(height, round);
        if (validRound != -1 && (validRound < 0 || validRound >= round)) {
            throw new IllegalArgumentException("vr must be -1 or 0.." + (round - 1) + ", not " + validRound);
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
            g.writeEndObject();
        });
    }

    static Proposal read(PayloadFields f, EagId from, long ts, GenesisHash gen) {
        return new Proposal(
                from,
                ts,
                gen,
                f.whole("h", 1, Long.MAX_VALUE),
                f.wholeInt("r", 0, MAX_ROUND),
                f.hash("block"),
                f.wholeInt("vr", -1, MAX_ROUND));
    }

    @Override
    public String toString() {
        return "Proposal[" + from + " h=" + height + " r=" + round + " " + block.shortHex() + " vr=" + validRound + "]";
    }
}
