package org.ebc.consensus;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.ebc.crypto.KeyPairs;
import org.ebc.units.EagId;

/** Four throw-away EAGs {@code eag-0 … eag-3}, their consortium and message builders, for the format tests. */
final class Members {
    static final List<KeyPair> KEYS =
            List.of(KeyPairs.generate(), KeyPairs.generate(), KeyPairs.generate(), KeyPairs.generate());
    static final KeyPair OUTSIDER = KeyPairs.generate();
    static final GenesisHash GENESIS = GenesisHash.sha256("format tests".getBytes(StandardCharsets.UTF_8));
    static final GenesisHash OTHER_GENESIS = GenesisHash.sha256("another".getBytes(StandardCharsets.UTF_8));
    static final BlockHash BLOCK = BlockHash.sha256("block one".getBytes(StandardCharsets.UTF_8));
    static final BlockHash OTHER_BLOCK = BlockHash.sha256("block two".getBytes(StandardCharsets.UTF_8));

    private Members() {}

    static Consortium consortium(QuorumRule rule) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            members.add(Member.of(id(i), KEYS.get(i).getPublic()));
        }
        return new Consortium(GENESIS, members, rule);
    }

    static Consortium consortium() {
        return consortium(QuorumRule.BFT);
    }

    static EagId id(int i) {
        return EagId.of("eag-" + i);
    }

    static EagSigner signer(int i) {
        return EagSigner.of(id(i), KEYS.get(i).getPrivate(), KEYS.get(i).getPublic());
    }

    static EagSigner outsider(int as) {
        return EagSigner.of(id(as), OUTSIDER.getPrivate(), OUTSIDER.getPublic());
    }

    static <P extends ConsensusPayload> Signed<P> sign(P payload) {
        return ConsensusCodec.sign(
                payload, signer(Integer.parseInt(payload.from().value().substring(4))));
    }

    static Signed<Proposal> proposal(int from, long h, int r, BlockHash block, int vr) {
        return sign(new Proposal(id(from), 1000, GENESIS, h, r, block, vr));
    }

    static Signed<Audit> audit(int from, Signed<Proposal> approved) {
        return sign(Audit.approving(id(from), 1000, approved));
    }

    static Signed<Audit> nilAudit(int from, long h, int r) {
        return sign(Audit.nil(id(from), 1000, GENESIS, h, r, "no valid proposal in time"));
    }

    static Signed<Reply> reply(int from, long h, int r, BlockHash block) {
        return sign(new Reply(id(from), 1000, GENESIS, h, r, block));
    }

    static CommitCertificate certificate(long h, int r, BlockHash block, int... signers) {
        List<byte[]> replies = new ArrayList<>();
        for (int i : signers) {
            replies.add(reply(i, h, r, block).raw());
        }
        return new CommitCertificate(GENESIS, h, r, block, replies);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
