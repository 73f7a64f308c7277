package org.ebc.gateway.consensus.harness;

import java.util.List;
import org.ebc.consensus.MessageKind;

/**
 * A byzantine EAG that mixes every attack at random (seeded): equivocating proposals, double audits and
 * replies, withheld votes and noise. Used by the randomized safety test.
 */
public final class RandomByzantine implements Behaviour {
    private final EquivocatingProposer proposer = new EquivocatingProposer();
    private final DoubleVoter voter = new DoubleVoter();
    private final NoiseMaker noise = new NoiseMaker(0.05);

    @Override
    public void observe(SimulatedEag self, byte[] raw) {
        voter.observe(self, raw);
    }

    @Override
    public List<Outgoing> rewrite(SimulatedEag self, Outgoing message) {
        double dice = self.random().nextDouble();
        if (message.kind() == MessageKind.PROPOSED_BLOCK) {
            return dice < 0.6 ? proposer.rewrite(self, message) : noise.rewrite(self, message);
        }
        if (message.kind() == MessageKind.AUDIT || message.kind() == MessageKind.REPLY) {
            if (dice < 0.15) {
                return List.of();
            }
            return dice < 0.75 ? voter.rewrite(self, message) : noise.rewrite(self, message);
        }
        return dice < 0.2 ? List.of() : List.of(message);
    }
}
