package org.ebc.gateway.consensus.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Decoded;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.Signed;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * A byzantine auditor: every audit its core makes goes to half of its peers, and an audit for another
 * block proposed in that round (or nil) to the other half; every reply goes to its leader, and a reply
 * for another block of that height to everyone else.
 */
public final class DoubleVoter implements Behaviour {
    private final Map<String, Map<BlockHash, Signed<Proposal>>> proposed = new HashMap<>();

    @Override
    public void observe(SimulatedEag self, byte[] raw) {
        Decoded d = ConsensusCodec.decode(raw, self.consortium(), Messages.MAX_BYTES);
        if (d.isOk() && d.signed().payload() instanceof ProposedBlock pb) {
            proposed.computeIfAbsent(pb.height() + "|" + pb.round(), k -> new LinkedHashMap<>())
                    .putIfAbsent(pb.block(), pb.proposal());
        }
    }

    private @Nullable Signed<Proposal> another(long height, int round, @Nullable BlockHash not) {
        for (Map.Entry<BlockHash, Signed<Proposal>> e :
                proposed.getOrDefault(height + "|" + round, Map.of()).entrySet()) {
            if (!e.getKey().equals(not)) {
                return e.getValue();
            }
        }
        return null;
    }

    private @Nullable BlockHash anotherBlock(long height, BlockHash not) {
        for (Map.Entry<String, Map<BlockHash, Signed<Proposal>>> e : proposed.entrySet()) {
            if (e.getKey().startsWith(height + "|")) {
                for (BlockHash b : e.getValue().keySet()) {
                    if (!b.equals(not)) {
                        return b;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public List<Outgoing> rewrite(SimulatedEag self, Outgoing message) {
        if (message.kind() == MessageKind.AUDIT && message.to() == null) {
            Audit a = Messages.decode(message.raw(), self.consortium())
                    .as(Audit.class)
                    .orElseThrow()
                    .payload();
            Signed<Proposal> other = another(a.height(), a.round(), a.block());
            if (other == null && a.block() == null) {
                return List.of(message);
            }
            Audit second = other == null
                    ? Audit.nil(self.id(), a.timestampMillis(), a.genesis(), a.height(), a.round(), "")
                    : Audit.approving(self.id(), a.timestampMillis(), other);
            if (Objects.equals(second.block(), a.block())) {
                return List.of(message);
            }
            return split(
                    self,
                    message.kind(),
                    message.raw(),
                    ConsensusCodec.sign(second, self.signer()).raw());
        }
        if (message.kind() == MessageKind.REPLY && message.to() != null) {
            Reply r = Messages.decode(message.raw(), self.consortium())
                    .as(Reply.class)
                    .orElseThrow()
                    .payload();
            BlockHash other = anotherBlock(r.height(), r.block());
            if (other == null) {
                return List.of(message);
            }
            byte[] second = ConsensusCodec.sign(
                            new Reply(self.id(), r.timestampMillis(), r.genesis(), r.height(), r.round(), other),
                            self.signer())
                    .raw();
            List<Outgoing> out = new ArrayList<>(List.of(message));
            for (EagId peer : self.consortium().memberIds()) {
                if (!peer.equals(self.id()) && !peer.equals(message.to())) {
                    out.add(new Outgoing(peer, MessageKind.REPLY, second));
                }
            }
            return out;
        }
        return List.of(message);
    }

    private static List<Outgoing> split(SimulatedEag self, MessageKind kind, byte[] first, byte[] second) {
        List<Outgoing> out = new ArrayList<>();
        int i = 0;
        for (EagId peer : self.consortium().memberIds()) {
            if (!peer.equals(self.id())) {
                out.add(new Outgoing(peer, kind, i++ % 2 == 0 ? first : second));
            }
        }
        return out;
    }
}
