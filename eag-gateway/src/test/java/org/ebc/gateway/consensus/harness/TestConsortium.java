package org.ebc.gateway.consensus.harness;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.GenesisHash;
import org.ebc.consensus.Member;
import org.ebc.consensus.QuorumRule;
import org.ebc.crypto.KeyPairs;
import org.ebc.units.EagId;

/**
 * A throw-away consortium for tests: {@code n} EAGs {@code eag-0 … eag-(n-1)} with fresh P-256 keys, a
 * genesis hash, an outsider (a valid key that is no member's) and a second genesis (another consortium
 * with the same keys). Keys are made once per size per test run: P-256 key generation is the slow part.
 */
public final class TestConsortium {
    private static final Map<Integer, List<KeyPair>> KEYS = new ConcurrentHashMap<>();
    private static final KeyPair OUTSIDER = KeyPairs.generate();

    /** The hash the first block names as its parent. */
    public static final BlockHash GENESIS_BLOCK = BlockHash.sha256("genesis block".getBytes(StandardCharsets.UTF_8));

    private final List<KeyPair> keys;
    private final Consortium consortium;
    private final Consortium other;

    private TestConsortium(int n, QuorumRule rule) {
        this.keys = KEYS.computeIfAbsent(n, k -> {
            List<KeyPair> made = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                made.add(KeyPairs.generate());
            }
            return List.copyOf(made);
        });
        List<Member> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(Member.of(id(i), keys.get(i).getPublic()));
        }
        this.consortium = new Consortium(genesis("ebc test genesis, n=" + n), members, rule);
        this.other = new Consortium(genesis("another consortium, n=" + n), members, rule);
    }

    public static TestConsortium of(int n) {
        return new TestConsortium(n, QuorumRule.BFT);
    }

    public static TestConsortium of(int n, QuorumRule rule) {
        return new TestConsortium(n, rule);
    }

    private static GenesisHash genesis(String text) {
        return GenesisHash.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static EagId id(int i) {
        return EagId.of("eag-" + i);
    }

    public Consortium consortium() {
        return consortium;
    }

    /** The same EAGs and keys under another genesis. */
    public Consortium otherGenesis() {
        return other;
    }

    public int size() {
        return keys.size();
    }

    public EagSigner signer(int i) {
        KeyPair k = keys.get(i);
        return EagSigner.of(id(i), k.getPrivate(), k.getPublic());
    }

    /** A valid key pair that is no EAG's, signing as {@code as}. */
    public static EagSigner outsider(EagId as) {
        return EagSigner.of(as, OUTSIDER.getPrivate(), OUTSIDER.getPublic());
    }
}
