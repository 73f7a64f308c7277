package org.ebc.gateway.consensus.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ebc.consensus.EagSigner;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.ByteMutations;

/**
 * A byzantine EAG that, next to each message its core sends, broadcasts noise: random bytes, a damaged
 * copy, the same payload signed with a key that is no member's, and the same payload under another
 * genesis signed with its own key. Every one of them must be refused with its reason.
 */
public final class NoiseMaker implements Behaviour {
    private final double rate;

    /** @param rate the probability that a message is accompanied by noise */
    public NoiseMaker(double rate) {
        this.rate = rate;
    }

    @Override
    public List<Outgoing> rewrite(SimulatedEag self, Outgoing message) {
        List<Outgoing> out = new ArrayList<>(List.of(message));
        if (self.random().nextDouble() >= rate) {
            return out;
        }
        byte[] random = new byte[1 + self.random().nextInt(300)];
        self.random().nextBytes(random);
        out.add(new Outgoing(null, message.kind(), random));
        out.add(new Outgoing(
                null,
                message.kind(),
                ByteMutations.mutate(message.raw(), self.random().nextLong(), "{}|\":,0123456789abcdef")));
        byte[] payload = Messages.payloadOf(message.raw());
        EagSigner outsider = TestConsortium.outsider(self.id());
        out.add(new Outgoing(
                null, message.kind(), EnvelopeCodec.sign(payload, outsider.privateKey(), outsider.keyId())));
        String ours = self.consortium().genesis().hex();
        String theirs = "0".repeat(64);
        byte[] otherGenesis = new String(payload, StandardCharsets.UTF_8)
                .replace(ours, theirs)
                .getBytes(StandardCharsets.UTF_8);
        out.add(new Outgoing(
                null,
                message.kind(),
                EnvelopeCodec.sign(
                        otherGenesis, self.signer().privateKey(), self.signer().keyId())));
        return out;
    }
}
