package org.ebc.consensus;

import java.util.List;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * The leader's commit (the paper's "the leader will send records including current audited block data and
 * a corresponding signature to all authorized EAGs for storage"): the certificate of a quorum of replies.
 * Every EAG stores the block only after it has verified the certificate itself; who sends it does not
 * matter. The block itself is not repeated: the receivers audited it from the proposal, and one that
 * did not asks for it with a {@link SyncRequest}.
 *
 * <p>Wire fields after the header: {@code h, r, block, sigs} (the certificate's fields, inline).
 */
public record Commit(EagId from, long timestampMillis, GenesisHash genesis, CommitCertificate certificate)
        implements RoundMessage {
    static final List<String> FIELDS = List.of("typ", "from", "seq", "ts", "gen", "h", "r", "block", "sigs");

    public Commit {
        if (!certificate.genesis().equals(genesis)) {
            throw new IllegalArgumentException("a commit carries a certificate of its own genesis");
        }
    }

    @Override
    public long height() {
        return certificate.height();
    }

    @Override
    public int round() {
        return certificate.round();
    }

    @Override
    public BlockHash block() {
        return certificate.block();
    }

    @Override
    public MessageKind kind() {
        return MessageKind.COMMIT;
    }

    @Override
    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            PayloadFields.writeHeader(g, kind(), from, height(), timestampMillis, genesis);
            g.writeNumberField("h", certificate.height());
            g.writeNumberField("r", certificate.round());
            g.writeStringField("block", certificate.block().hex());
            PayloadFields.writeEnvelopes(g, "sigs", certificate.replies());
            g.writeEndObject();
        });
    }

    static Commit read(PayloadFields f, EagId from, long ts, GenesisHash gen, int maxVotes) {
        return new Commit(
                from,
                ts,
                gen,
                new CommitCertificate(
                        gen,
                        f.whole("h", 1, Long.MAX_VALUE),
                        f.wholeInt("r", 0, MAX_ROUND),
                        f.hash("block"),
                        f.envelopes("sigs", maxVotes)));
    }

    @Override
    public String toString() {
        return "Commit[" + from + " " + certificate + "]";
    }
}
