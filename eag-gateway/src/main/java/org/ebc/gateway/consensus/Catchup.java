package org.ebc.gateway.consensus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Signed;
import org.ebc.consensus.SyncRequest;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * Catch-up between EAGs (issue: "a restarted or partitioned EAG catches up from its peers"). This side
 * decides whom to ask and when, and answers others; the core re-validates every block and certificate it
 * receives before storing it.
 *
 * <p>Asking: at start (one random peer, to learn whether this EAG is behind); when a peer's message shows
 * it is two or more heights ahead (at once) or one ahead (after the sync timeout, unless the commit has
 * arrived meanwhile); when a verified commit names a block this EAG does not hold. One request is out at
 * a time; an unanswered one is sent to the next peer after the sync timeout. An answer that leaves this
 * EAG behind the answerer's tip is followed by a request for the next batch, so a far-behind EAG catches
 * up batch by batch.
 *
 * <p>Answering: a request is answered with up to {@code syncBatch} blocks (and at most about three
 * quarters of the message limit); a vote of a height already committed here is answered, unasked, with
 * the blocks its sender lacks, at most once per sync timeout per peer.
 */
final class Catchup {
    private final EagId me;
    private final List<EagId> peers;
    private final ChainStore chain;
    private final Outbox outbox;
    private final Timers timers;
    private final ConsensusSettings settings;
    private final Clock clock;
    private final RandomGenerator random;

    private @Nullable EagId asked;
    private long askedFrom = -1;
    private int unanswered;
    private @Nullable EagId aheadPeer;
    private long aheadHeight;
    private long checkScheduledFor = -1;
    private final Map<EagId, Long> lastUnasked = new HashMap<>();
    private final Map<String, Long> lastAnswered = new HashMap<>();

    Catchup(
            EagId me,
            List<EagId> members,
            ChainStore chain,
            Outbox outbox,
            Timers timers,
            ConsensusSettings settings,
            Clock clock,
            RandomGenerator random) {
        this.me = me;
        this.peers = members.stream().filter(m -> !m.equals(me)).toList();
        this.chain = chain;
        this.outbox = outbox;
        this.timers = timers;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** At start: ask one peer whether there is more than this EAG holds. */
    void start(long height) {
        if (!peers.isEmpty()) {
            ask(peers.get(random.nextInt(peers.size())), height);
        }
    }

    void ask(EagId peer, long height) {
        if (asked != null && askedFrom == height) {
            return;
        }
        send(peer, height);
    }

    /**
     * Asks {@code peer} now even if another request is out: a verified commit shows that {@code peer}
     * holds the block this EAG lacks, which an earlier request to someone else may not bring.
     */
    void fetch(EagId peer, long height) {
        if (peer.equals(asked) && askedFrom == height) {
            return;
        }
        send(peer, height);
    }

    private void send(EagId peer, long height) {
        asked = peer;
        askedFrom = height;
        outbox.requestBlocks(peer, height, settings.syncBatch());
        timers.schedule(
                new TimerKey(TimerKind.SYNC, height, 0), settings.timeouts().sync());
    }

    /** A message of {@code theirHeight} from {@code peer} shows that it committed what this EAG has not. */
    void peerAhead(EagId peer, long theirHeight, long height) {
        aheadPeer = peer;
        aheadHeight = Math.max(aheadHeight, theirHeight);
        if (asked != null) {
            return;
        }
        if (theirHeight >= height + 2) {
            ask(peer, height);
        } else if (checkScheduledFor != height) {
            checkScheduledFor = height;
            timers.schedule(
                    new TimerKey(TimerKind.SYNC, height, 0), settings.timeouts().sync());
        }
    }

    /** This EAG has reached {@code height} (a block was committed). */
    void heightReached(long height) {
        if (aheadHeight <= height) {
            aheadPeer = null;
        }
        if (asked != null && askedFrom < height) {
            // The request was for blocks now held: progress, so the answerer stays the one to ask next.
            unanswered = 0;
        }
    }

    void onTimer(TimerKey key, long height) {
        if (key.height() != height) {
            return; // progress since: the timer is stale
        }
        EagId wasAsked = asked;
        if (wasAsked != null) {
            asked = null;
            unanswered++;
            if (unanswered <= 2 * peers.size()) {
                ask(peers.get((peers.indexOf(wasAsked) + 1) % peers.size()), height);
            }
        } else if (aheadPeer != null) {
            ask(aheadPeer, height);
        }
    }

    /** A catch-up answer from {@code peer} (whose committed height is {@code tip}) has been applied. */
    void answered(EagId peer, long tip, long committedHeight) {
        if (peer.equals(asked)) {
            asked = null;
            unanswered = 0;
        }
        if (tip > committedHeight) {
            ask(peer, committedHeight + 1);
        }
    }

    Handled onRequest(Signed<SyncRequest> request) {
        SyncRequest q = request.payload();
        String key = q.from() + "|" + q.height();
        long now = clock.millis();
        Long last = lastAnswered.get(key);
        if (last != null && now - last < settings.timeouts().sync().toMillis() / 2) {
            return Handled.of(
                    Verdict.SYNC_THROTTLED,
                    q.from() + " asked for " + q.height() + " again within "
                            + settings.timeouts().sync().toMillis() / 2 + " ms");
        }
        lastAnswered.put(key, now);
        answer(q.from(), q.height(), Math.min(q.max(), settings.syncBatch()));
        return Handled.ACCEPTED;
    }

    /** {@code peer} sent a vote of {@code theirHeight}, which is committed here: send what it lacks. */
    void answerLagging(EagId peer, long theirHeight) {
        long now = clock.millis();
        Long last = lastUnasked.get(peer);
        if (last != null && now - last < settings.timeouts().sync().toMillis()) {
            return;
        }
        lastUnasked.put(peer, now);
        answer(peer, theirHeight, settings.syncBatch());
    }

    private void answer(EagId peer, long fromHeight, int max) {
        long tip = chain.height();
        long budget = settings.maxMessageBytes() * 3L / 4;
        List<CertifiedBlock> blocks = new ArrayList<>();
        for (long h = fromHeight; h <= tip && blocks.size() < max; h++) {
            Optional<CertifiedBlock> b = chain.block(h);
            if (b.isEmpty()) {
                break;
            }
            long size = b.get().block().length * 4L / 3 + certificateBytes(b.get()) + 256;
            if (!blocks.isEmpty() && size > budget) {
                break;
            }
            budget -= size;
            blocks.add(b.get());
        }
        outbox.sendBlocks(peer, fromHeight, tip, blocks);
    }

    private static long certificateBytes(CertifiedBlock b) {
        long n = 0;
        for (byte[] r : b.certificate().replies()) {
            n += r.length + 16;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Catchup[" + me + " asked=" + asked + " from=" + askedFrom + "]";
    }
}
