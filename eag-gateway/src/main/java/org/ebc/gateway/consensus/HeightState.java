package org.ebc.gateway.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.Signed;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * Everything the core knows about the height it is deciding: the round and step, the lock and the valid
 * block (Tendermint's {@code lockedValue/lockedRound}, {@code validValue/validRound}), the votes received,
 * and the blocks audited so far. Thrown away when the height is committed. Not thread-safe.
 */
final class HeightState {
    final long height;
    final BlockHash parent;
    int round;
    RoundStep step = RoundStep.PROPOSE;

    @Nullable
    Lock locked;

    @Nullable
    Valid valid;

    /** Every signed proposal seen, from a proposed block or inside an audit: for evidence. */
    final RoundVotes<Proposal> proposals = new RoundVotes<>();
    /** The proposed blocks received (with their data), one per leader per round, in arrival order. */
    final RoundVotes<ProposedBlock> proposedBlocks = new RoundVotes<>();

    final RoundVotes<Audit> audits = new RoundVotes<>();
    final RoundVotes<Reply> replies = new RoundVotes<>();
    /** The outcome of validating each proposed block, by round and leader: only accepted ones count. */
    private final Map<Integer, Map<EagId, Handled>> proposalOutcomes = new HashMap<>();
    /** Embedded proposals already verified, by the SHA-256 of their bytes (every audit repeats one). */
    final Map<BlockHash, Signed<Proposal>> verifiedProposals = new HashMap<>();

    /** Blocks that passed the audit at this height, in the order they were first seen. */
    final Map<BlockHash, byte[]> goodBlocks = new LinkedHashMap<>();

    final Map<BlockHash, BlockFacts> facts = new HashMap<>();
    final Map<BlockHash, AuditResult> badBlocks = new HashMap<>();
    /** Rounds in which this EAG has seen a quorum of audits for a proposed block (Tendermint line 36). */
    final java.util.Set<Integer> quorumRounds = new java.util.HashSet<>();
    /** A verified certificate for a block this EAG does not hold yet (it is being fetched). */
    @Nullable
    CommitCertificate pendingCertificate;
    /** This EAG's miner's block for this height, once audited. */
    @Nullable
    BlockHash mined;

    boolean miningStopped;

    HeightState(long height, BlockHash parent) {
        this.height = height;
        this.parent = parent;
    }

    /** Locked on {@code block} since {@code round}: this EAG replied for it then. */
    record Lock(int round, BlockHash block) {}

    /** The last block seen approved by a quorum of audits, with those audits (the justification of a re-proposal). */
    record Valid(int round, BlockHash block, byte[] data, List<byte[]> justification) {
        Valid {
            justification = List.copyOf(justification);
        }
    }

    void recordProposalOutcome(ProposedBlock p, Handled outcome) {
        proposalOutcomes.computeIfAbsent(p.round(), r -> new HashMap<>()).put(p.from(), outcome);
    }

    /** The outcome of the proposed block of {@code from} in {@code round}, or null if there is none. */
    @Nullable
    Handled proposalOutcome(int round, EagId from) {
        Map<EagId, Handled> r = proposalOutcomes.get(round);
        return r == null ? null : r.get(from);
    }

    /** The accepted proposed block of {@code round} that proposes {@code block}, or null. */
    @Nullable
    Signed<ProposedBlock> acceptedProposal(int round, BlockHash block) {
        for (Signed<ProposedBlock> p : proposedBlocks.inRound(round).values()) {
            Handled outcome = proposalOutcome(round, p.from());
            if (p.payload().block().equals(block) && outcome != null && outcome.accepted()) {
                return p;
            }
        }
        return null;
    }

    /** The first block this EAG audited as good at this height, or null. */
    @Nullable
    BlockHash firstGoodBlock() {
        for (BlockHash b : goodBlocks.keySet()) {
            return b;
        }
        return null;
    }

    /** The highest round each EAG has sent a message of at this height (kept even when the message is not). */
    private final Map<EagId, Integer> roundsSeen = new HashMap<>();

    void sawRound(EagId from, int round) {
        roundsSeen.merge(from, round, Math::max);
    }

    /**
     * The highest round that at least {@code count} EAGs have reached (by the messages they sent), or -1.
     * With {@code count = f+1}, at least one honest EAG is among them (Tendermint line 55).
     */
    int roundReachedBy(int count) {
        List<Integer> rounds = new ArrayList<>(roundsSeen.values());
        if (rounds.size() < count) {
            return -1;
        }
        rounds.sort(Comparator.reverseOrder());
        return rounds.get(count - 1);
    }
}
