package org.ebc.consensus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * An EAG's broadcast of an {@link Equivocation} it caught, so every EAG learns of it and the lead's ledger
 * can record it. The reporter's signature only says who reported; the proof is the two embedded messages,
 * checked with {@link Equivocation#check}. {@code accused}, {@code height} and {@code round} repeat what
 * the proof says, so a receiver can file it before checking; a report whose claim and proof differ is false.
 *
 * <p>Wire fields after the header: {@code h, r, accused, a, b} ({@code a} and {@code b} are the two
 * signed votes, each as one JSON string).
 */
public record EvidenceReport(
        EagId from,
        long timestampMillis,
        GenesisHash genesis,
        long height,
        int round,
        EagId accused,
        Equivocation evidence)
        implements ConsensusPayload {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "r", "accused", "a", "b");

    public EvidenceReport {
        RoundMessage.requireSlot(height, round);
    }

    /** True if the proof holds and says what the report claims. */
    public boolean proves(Consortium consortium) {
        EvidenceCheck c = evidence.check(consortium);
        return c.isProven() && accused.equals(c.accused()) && height == c.height() && round == c.round();
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVIDENCE;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height, timestampMillis, genesis);
            g.writeNumberField("h", height);
            g.writeNumberField("r", round);
            g.writeStringField("accused", accused.value());
            g.writeStringField("a", new String(evidence.first(), StandardCharsets.UTF_8));
            g.writeStringField("b", new String(evidence.second(), StandardCharsets.UTF_8));
            g.writeEndObject();
        });
    }

    static EvidenceReport read(PayloadFields f, EagId from, long ts, GenesisHash gen) {
        return new EvidenceReport(
                from,
                ts,
                gen,
                f.whole("h", 1, Long.MAX_VALUE),
                f.wholeInt("r", 0, RoundMessage.MAX_ROUND),
                f.eag("accused"),
                new Equivocation(
                        f.text("a", SignedQuorum.MAX_VOTE_BYTES).getBytes(StandardCharsets.UTF_8),
                        f.text("b", SignedQuorum.MAX_VOTE_BYTES).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "EvidenceReport[" + from + " accuses " + accused + " h=" + height + " r=" + round + "]";
    }
}
