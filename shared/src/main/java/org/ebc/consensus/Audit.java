package org.ebc.consensus;

import java.util.List;
import java.util.Objects;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * An EAG's signed audit result for one height and round, broadcast to every EAG (the paper's "audit the
 * block data and broadcast their audit results with their signatures"; Tendermint's prevote, QBFT's
 * prepare). {@code block} names the block the EAG approves; null ("nil") says it approves none in this
 * round (no valid proposal in time, the proposal failed the audit, or the EAG is locked on another block),
 * and {@code note} says why, for the operator.
 *
 * <p>Wire fields after the header: {@code h, r, block, note}.
 */
public record Audit(
        EagId from,
        long timestampMillis,
        GenesisHash genesis,
        long height,
        int round,
        @Nullable BlockHash block,
        String note)
        implements RoundMessage {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "r", "block", "note");
    public static final int MAX_NOTE = 200;

    public Audit {
        RoundMessage.requireSlot(height, round);
        if (note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE);
        }
    }

    /** True if this audit approves a block (not nil). */
    public boolean approves() {
        return block != null;
    }

    /** True if this audit and {@code other} say the same (the same block, or both nil). */
    public boolean sameVerdict(Audit other) {
        return Objects.equals(block, other.block);
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
            if (block == null) {
                g.writeNullField("block");
            } else {
                g.writeStringField("block", block.hex());
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
                f.text("note", MAX_NOTE));
    }

    @Override
    public String toString() {
        return "Audit[" + from + " h=" + height + " r=" + round + " " + (block == null ? "nil" : block.shortHex())
                + "]";
    }
}
