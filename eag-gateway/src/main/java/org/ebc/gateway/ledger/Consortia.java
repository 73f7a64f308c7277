package org.ebc.gateway.ledger;

import java.util.ArrayList;
import java.util.List;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.GenesisHash;
import org.ebc.consensus.Member;
import org.ebc.consensus.QuorumRule;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.Quorum;

/** The consensus view of a verified genesis: its hash, its EAGs' keys in genesis order, its quorum rule. */
public final class Consortia {
    private Consortia() {}

    public static Consortium of(Genesis genesis) {
        List<Member> members = new ArrayList<>();
        for (EagMember m : genesis.members()) {
            members.add(new Member(m.id(), m.key(), m.keyId()));
        }
        QuorumRule rule = genesis.quorum() == Quorum.ALL ? QuorumRule.ALL : QuorumRule.BFT;
        return new Consortium(new GenesisHash(genesis.hash().hex()), members, rule);
    }
}
