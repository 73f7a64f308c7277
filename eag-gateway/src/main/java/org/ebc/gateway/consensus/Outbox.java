package org.ebc.gateway.consensus;

import java.time.Clock;
import java.util.List;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Commit;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.ConsensusPayload;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceReport;
import org.ebc.consensus.GenesisHash;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.Signed;
import org.ebc.consensus.SyncBlocks;
import org.ebc.consensus.SyncRequest;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * Signs this EAG's messages and hands them to the transport. A vote (proposal, audit, reply) is written to
 * the journal before it leaves, so that after a crash the EAG knows what it signed and never signs a
 * different vote in its place.
 */
final class Outbox {
    private final EagSigner me;
    private final GenesisHash genesis;
    private final Clock clock;
    private final ConsensusTransport transport;
    private final ConsensusJournal journal;

    Outbox(EagSigner me, GenesisHash genesis, Clock clock, ConsensusTransport transport, ConsensusJournal journal) {
        this.me = me;
        this.genesis = genesis;
        this.clock = clock;
        this.transport = transport;
        this.journal = journal;
    }

    /**
     * Signs a proposal and broadcasts it with the block (and the justification of a re-proposal). The
     * journal keeps the whole proposed block, so a restarted leader can send it again.
     */
    Signed<ProposedBlock> propose(
            long height, int round, BlockHash block, int validRound, byte[] data, List<byte[]> pol) {
        Signed<Proposal> proposal = sign(new Proposal(me.id(), now(), genesis, height, round, block, validRound));
        Signed<ProposedBlock> s = vote(new ProposedBlock(me.id(), now(), genesis, proposal, data, pol));
        transport.broadcast(MessageKind.PROPOSED_BLOCK, s.raw());
        return s;
    }

    /** Signs and broadcasts an audit approving {@code proposal}'s block, or nil when it is null. */
    Signed<Audit> audit(long height, int round, @Nullable Signed<Proposal> proposal, String note) {
        Audit a = proposal == null
                ? Audit.nil(me.id(), now(), genesis, height, round, note)
                : Audit.approving(me.id(), now(), proposal);
        Signed<Audit> s = vote(a);
        transport.broadcast(MessageKind.AUDIT, s.raw());
        return s;
    }

    /** Signs a reply and sends it to the leader (kept locally when this EAG is the leader). */
    Signed<Reply> reply(long height, int round, BlockHash block, EagId leader) {
        Signed<Reply> s = vote(new Reply(me.id(), now(), genesis, height, round, block));
        if (!leader.equals(me.id())) {
            transport.send(leader, MessageKind.REPLY, s.raw());
        }
        return s;
    }

    /** Sends again a vote signed before (after a restart): the same bytes, never a new signature. */
    void resend(Signed<?> own, @Nullable EagId replyTo) {
        if (own.kind() == MessageKind.REPLY) {
            if (replyTo != null && !replyTo.equals(me.id())) {
                transport.send(replyTo, MessageKind.REPLY, own.raw());
            }
        } else {
            transport.broadcast(own.kind(), own.raw());
        }
    }

    void commit(CommitCertificate certificate) {
        transport.broadcast(
                MessageKind.COMMIT,
                sign(new Commit(me.id(), now(), genesis, certificate)).raw());
    }

    void requestBlocks(EagId peer, long fromHeight, int max) {
        transport.send(
                peer,
                MessageKind.SYNC_REQUEST,
                sign(new SyncRequest(me.id(), now(), genesis, fromHeight, max)).raw());
    }

    void sendBlocks(EagId peer, long fromHeight, long tip, List<CertifiedBlock> blocks) {
        transport.send(
                peer,
                MessageKind.SYNC_BLOCKS,
                sign(new SyncBlocks(me.id(), now(), genesis, fromHeight, tip, blocks))
                        .raw());
    }

    void report(long height, int round, EagId accused, Equivocation evidence) {
        transport.broadcast(
                MessageKind.EVIDENCE,
                sign(new EvidenceReport(me.id(), now(), genesis, height, round, accused, evidence))
                        .raw());
    }

    private <P extends ConsensusPayload> Signed<P> vote(P payload) {
        Signed<P> s = sign(payload);
        journal.recordSigned(payload.height(), s.raw());
        return s;
    }

    private <P extends ConsensusPayload> Signed<P> sign(P payload) {
        return ConsensusCodec.sign(payload, me);
    }

    private long now() {
        return clock.millis();
    }
}
