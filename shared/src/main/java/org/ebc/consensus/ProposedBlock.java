package org.ebc.consensus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * What the leader broadcasts: its signed {@link Proposal}, the block's bytes and, for a re-proposal, the
 * justification: a quorum of signed audits that approved this block in the proposal's valid round
 * (Tendermint's proof-of-lock, carried in the message as QBFT carries its prepared certificate), so that
 * an EAG locked on another block may accept it without having seen those audits itself.
 *
 * <p>Nothing here needs the leader's word beyond its proposal: the block is bound to it by its hash and
 * each audit of the justification is signed by its auditor. The envelope is signed all the same, like
 * every consensus message, and the decoder checks that the embedded proposal is the sender's own and
 * names the same height and round.
 *
 * <p>Wire fields after the header: {@code h, r, proposal, data, pol}.
 *
 * @param from the proposing EAG
 * @param timestampMillis the proposer's clock
 * @param genesis the consortium's genesis
 * @param proposal the signed proposal
 * @param blockData the block's bytes, opaque to consensus
 * @param justification the signed audits of round {@code proposal.validRound()} for the block; empty if -1
 */
public record ProposedBlock(
        EagId from,
        long timestampMillis,
        GenesisHash genesis,
        Signed<Proposal> proposal,
        byte[] blockData,
        List<byte[]> justification)
        implements RoundMessage {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "r", "proposal", "data", "pol");

    public ProposedBlock {
        justification = List.copyOf(justification);
        Proposal p = proposal.payload();
        if (!p.from().equals(from) || !p.genesis().equals(genesis)) {
            throw new IllegalArgumentException("a proposed block carries its sender's own proposal");
        }
        if ((p.validRound() == -1) != justification.isEmpty()) {
            throw new IllegalArgumentException("pol must be empty exactly when the proposal's vr is -1");
        }
        if (blockData.length == 0) {
            throw new IllegalArgumentException("data must not be empty");
        }
    }

    @Override
    public long height() {
        return proposal.payload().height();
    }

    @Override
    public int round() {
        return proposal.payload().round();
    }

    @Override
    public BlockHash block() {
        return proposal.payload().block();
    }

    public int validRound() {
        return proposal.payload().validRound();
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PROPOSED_BLOCK;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height(), timestampMillis, genesis);
            g.writeNumberField("h", height());
            g.writeNumberField("r", round());
            g.writeStringField("proposal", new String(proposal.raw(), StandardCharsets.UTF_8));
            PayloadFields.writeChunks(g, "data", blockData);
            PayloadFields.writeEnvelopes(g, "pol", justification);
            g.writeEndObject();
        });
    }

    @Override
    public String toString() {
        return "ProposedBlock[" + proposal.payload() + ", " + blockData.length + " bytes, " + justification.size()
                + " audits]";
    }
}
