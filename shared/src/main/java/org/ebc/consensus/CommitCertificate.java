package org.ebc.consensus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.ebc.json.StrictJson;

/**
 * The proof that the consortium committed {@code block} at {@code height}: a quorum of distinct genesis
 * EAGs' signed {@link Reply replies} for that block, height and round (the paper's "records including
 * current audited block data and a corresponding signature"; QBFT's commit seals). It is stored next to
 * each block, travels in commits and catch-up answers, and is part of every {@code ledger prove} proof.
 *
 * <p>JSON (standalone, and inline in {@code cs-commit} and {@code cs-sync}):
 * {@code {"gen":…,"h":…,"r":…,"block":…,"sigs":["EBC1|…|…", …]}}. The replies are the exact signed
 * envelopes; nothing else in the certificate is signed, so {@link #verify} checks every field against them.
 *
 * @param genesis the consortium's genesis
 * @param height the committed height
 * @param round the round in which the replies were signed
 * @param block the committed block's hash
 * @param replies the signed replies, raw, in the genesis order of their signers
 */
public record CommitCertificate(GenesisHash genesis, long height, int round, BlockHash block, List<byte[]> replies) {
    static final List<String> FIELDS = List.of("gen", "h", "r", "block", "sigs");

    public CommitCertificate {
        RoundMessage.requireSlot(height, round);
        replies = List.copyOf(replies);
    }

    /**
     * True only if every reply is a valid signature of a distinct genesis EAG on exactly this block, height
     * and round under this genesis, and there are at least a quorum of them. Pure; never throws.
     */
    public CertificateCheck verify(Consortium consortium) {
        if (!genesis.equals(consortium.genesis())) {
            return new CertificateCheck(CertificateReason.WRONG_GENESIS, "certificate of genesis " + genesis);
        }
        return SignedQuorum.check(MessageKind.REPLY, replies, consortium, height, round, block);
    }

    /** The standalone JSON. */
    public byte[] toJson() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            writeFields(g);
            g.writeEndObject();
        });
    }

    void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("gen", genesis.hex());
        g.writeNumberField("h", height);
        g.writeNumberField("r", round);
        g.writeStringField("block", block.hex());
        PayloadFields.writeEnvelopes(g, "sigs", replies);
    }

    /** Reads the standalone JSON's structure (nothing is verified yet); empty if it is not a certificate. */
    public static Optional<CommitCertificate> parse(byte[] json) {
        Optional<JsonNode> node = StrictJson.parseObject(json);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(new PayloadFields(node.get(), FIELDS), 4096));
        } catch (PayloadFields.Malformed | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static CommitCertificate read(PayloadFields f, int maxVotes) {
        return new CommitCertificate(
                f.genesis("gen"),
                f.whole("h", 1, Long.MAX_VALUE),
                f.wholeInt("r", 0, RoundMessage.MAX_ROUND),
                f.hash("block"),
                f.envelopes("sigs", maxVotes));
    }

    @Override
    public String toString() {
        return "CommitCertificate[h=" + height + " r=" + round + " " + block.shortHex() + ", " + replies.size()
                + " replies]";
    }
}
