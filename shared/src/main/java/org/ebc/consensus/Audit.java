package org.ebc.consensus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * An EAG's signed audit result for one height and round, broadcast to every EAG (the paper's "audit the
 * block data and broadcast their audit results with their signatures"; Tendermint's prevote, QBFT's
 * prepare). {@code block} names the block the EAG approves, and {@code proposal} is the leader's signed
 * {@link Proposal} of it, exactly as received (so every EAG sees which proposal each auditor approved, and
 * two conflicting proposals of one leader meet). Null ("nil") approves no block in this round (no valid
 * proposal in time, the proposal failed the audit, or the EAG is locked on another block); {@code note}
 * says why, for the operator.
 *
 * <p>Wire fields after the header: {@code h, r, block, proposal, note}.
 */
public record Audit(
        EagId from,
        long timestampMillis,
        GenesisHash genesis,
        long height,
        int round,
        @Nullable BlockHash block,
        byte @Nullable [] proposal,
        String note)
        implements RoundMessage {
    static final List<String> FIELDS =
            List.of("typ", "from", "seq", "ts", "gen", "h", "r", "block", "proposal", "note");
    public static final int MAX_NOTE = 200;

    public Audit {
        RoundMessage.requireSlot(height, round);
        if ((block == null) != (proposal == null)) {
            throw new IllegalArgumentException("an audit approving a block carries its proposal, a nil audit none");
        }
        if (note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE);
        }
    }

    /** An audit approving {@code proposal}'s block. */
    public static Audit approving(EagId from, long ts, Signed<Proposal> proposal) {
        Proposal p = proposal.payload();
        return new Audit(from, ts, p.genesis(), p.height(), p.round(), p.block(), proposal.raw(), "");
    }

    /** A nil audit. */
    public static Audit nil(EagId from, long ts, GenesisHash genesis, long height, int round, String note) {
        return new Audit(from, ts, genesis, height, round, null, null, note);
    }

    /** True if this audit approves a block (not nil). */
    public boolean approves() {
        return block != null;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.AUDIT;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height, timestampMillis, genesis);
            g.writeNumberField("h", height);
            g.writeNumberField("r", round);
            if (block == null || proposal == null) {
                g.writeNullField("block");
                g.writeNullField("proposal");
            } else {
                g.writeStringField("block", block.hex());
                g.writeStringField("proposal", new String(proposal, StandardCharsets.UTF_8));
            }
            g.writeStringField("note", note);
            g.writeEndObject();
        });
    }

    static Audit read(PayloadFields f, EagId from, long ts, GenesisHash gen) {
        return new Audit(
                from,
                ts,
                gen,
                f.whole("h", 1, Long.MAX_VALUE),
                f.wholeInt("r", 0, MAX_ROUND),
                f.hashOrNull("block"),
                f.envelopeOrNull("proposal"),
                f.text("note", MAX_NOTE));
    }

    @Override
    public String toString() {
        return "Audit[" + from + " h=" + height + " r=" + round + " " + (block == null ? "nil" : block.shortHex())
                + "]";
    }
}
