package org.ebc.gateway.consensus.harness;

import java.util.ArrayList;
import java.util.List;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Signed;
import org.ebc.units.EagId;

/**
 * A byzantine proposer: whenever its core proposes, it sends that proposal to half of its peers and a
 * conflicting one (a fresh block of its own, with valid work) to the other half. In rounds after the
 * first this also breaks the re-proposal rule: the second block comes without justification.
 */
public final class EquivocatingProposer implements Behaviour {

    @Override
    public List<Outgoing> rewrite(SimulatedEag self, Outgoing message) {
        if (message.kind() != MessageKind.PROPOSED_BLOCK || message.to() != null) {
            return List.of(message);
        }
        ProposedBlock pb = Messages.decode(message.raw(), self.consortium())
                .as(ProposedBlock.class)
                .orElseThrow()
                .payload();
        FakeBlock original = FakeBlock.parse(pb.blockData()).orElseThrow();
        FakeBlock other = new FakeBlock(
                pb.height(), original.previous(), self.id(), self.random().nextLong(), true);
        Signed<Proposal> proposal = ConsensusCodec.sign(
                new Proposal(self.id(), pb.timestampMillis(), pb.genesis(), pb.height(), pb.round(), other.hash(), -1),
                self.signer());
        byte[] second = ConsensusCodec.sign(
                        new ProposedBlock(
                                self.id(), pb.timestampMillis(), pb.genesis(), proposal, other.bytes(), List.of()),
                        self.signer())
                .raw();
        List<Outgoing> out = new ArrayList<>();
        int i = 0;
        for (EagId peer : self.consortium().memberIds()) {
            if (!peer.equals(self.id())) {
                out.add(new Outgoing(peer, MessageKind.PROPOSED_BLOCK, i++ % 2 == 0 ? message.raw() : second));
            }
        }
        return out;
    }
}
