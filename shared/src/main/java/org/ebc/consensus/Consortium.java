package org.ebc.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.units.EagId;

/**
 * The consortium as its genesis fixes it: the genesis hash every message must name, the EAGs in genesis
 * order (the order the round-robin proposer schedule follows) and the quorum rule. Immutable and
 * thread-safe.
 */
public final class Consortium {
    private final GenesisHash genesis;
    private final List<Member> members;
    private final QuorumRule rule;
    private final Map<EagId, Integer> indexById = new HashMap<>();
    private final Map<KeyId, Member> byKey = new HashMap<>();

    public Consortium(GenesisHash genesis, List<Member> members, QuorumRule rule) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a consortium has at least one EAG");
        }
        this.genesis = genesis;
        this.members = List.copyOf(members);
        this.rule = rule;
        for (int i = 0; i < this.members.size(); i++) {
            Member m = this.members.get(i);
            if (indexById.put(m.id(), i) != null) {
                throw new IllegalArgumentException("EAG " + m.id() + " appears twice in the genesis");
            }
            if (byKey.put(m.keyId(), m) != null) {
                throw new IllegalArgumentException("two EAGs share the key " + m.keyId());
            }
        }
    }

    /** The consensus view of a verified genesis: its hash, its EAGs' keys in genesis order, its quorum rule. */
    public static Consortium of(org.ebc.ledger.Genesis genesis) {
        List<Member> members = new ArrayList<>();
        for (org.ebc.ledger.EagMember m : genesis.members()) {
            members.add(new Member(m.id(), m.key(), m.keyId()));
        }
        QuorumRule rule = genesis.quorum() == org.ebc.ledger.Quorum.ALL ? QuorumRule.ALL : QuorumRule.BFT;
        return new Consortium(new GenesisHash(genesis.hash().hex()), members, rule);
    }

    public GenesisHash genesis() {
        return genesis;
    }

    /** The EAGs in genesis order. */
    public List<Member> members() {
        return members;
    }

    public List<EagId> memberIds() {
        List<EagId> ids = new ArrayList<>(members.size());
        for (Member m : members) {
            ids.add(m.id());
        }
        return ids;
    }

    public QuorumRule rule() {
        return rule;
    }

    /** {@code n}: the number of EAGs. */
    public int size() {
        return members.size();
    }

    /** {@code q}: distinct signatures that commit a block (and that justify a re-proposal). */
    public int quorum() {
        return rule.quorum(members.size());
    }

    /** {@code f = ⌊(n−1)/3⌋}: the byzantine EAGs the default rule tolerates. */
    public int maxFaulty() {
        return (members.size() - 1) / 3;
    }

    /**
     * {@code f+1}: messages from this many distinct EAGs include at least one honest EAG's; used to follow
     * the others into a higher round without letting {@code f} byzantine EAGs push the rounds up.
     */
    public int weakQuorum() {
        return maxFaulty() + 1;
    }

    public boolean isMember(EagId id) {
        return indexById.containsKey(id);
    }

    public Optional<Member> member(EagId id) {
        Integer i = indexById.get(id);
        return i == null ? Optional.empty() : Optional.of(members.get(i));
    }

    public Optional<Member> memberByKey(KeyId keyId) {
        return Optional.ofNullable(byKey.get(keyId));
    }

    /** The position of {@code id} in the genesis, or -1 if it is not a member. */
    public int indexOf(EagId id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    @Override
    public String toString() {
        return "Consortium[" + genesis.hex().substring(0, 12) + ", n=" + size() + ", q=" + quorum() + "]";
    }
}
