package org.ebc.gateway.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.verify.ReadingVerifier;
import org.ebc.gateway.verify.Rejection;
import org.ebc.gateway.verify.TradeInbound;
import org.ebc.gateway.verify.TradeVerifier;
import org.ebc.gateway.verify.Verdict;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * Verifies arriving messages in parallel on a few threads ("lanes") and passes each verdict to the
 * writer. All messages of one node go through the same lane, in arrival order: a node's pages reach the
 * writer in the order the broker delivered them (parallel verification must not turn page n, n+1 into
 * n+1, n and raise a false gap), and its certificate is admitted before the readings published after
 * it are checked.
 *
 * <p>Thread-safety: {@link #offer} may be called from any thread (the MQTT callback thread); it blocks
 * while the lane is full, which slows the broker's delivery to the gateway instead of dropping
 * anything.
 */
public final class VerifyLanes implements AutoCloseable {

    /** Where verdicts go (the group commit writer). */
    public interface VerdictSink {
        void submit(Verdict v) throws InterruptedException;
    }

    private final List<BlockingQueue<Inbound>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ReadingVerifier verifier;
    private final CertificateIntake certificates;
    private final VerdictSink sink;
    private final TradeRoute trades;
    private final int maxRecordBytes;
    private volatile boolean running = true;

    /** Where checked market and payment messages go (the transaction server's inbox). */
    public interface TradeSink {
        void submit(TradeInbound m) throws InterruptedException;
    }

    /** The route for orders and payments: their checks, and where they go next. */
    public record TradeRoute(TradeVerifier verifier, TradeSink sink) {
        /** For a gateway that takes no orders or payments (some tests): everything is dropped unread. */
        public static final TradeRoute NONE = new TradeRoute(null, m -> {});
    }

    /** @param maxRecordBytes readings above this size are refused on arrival (the verifier's limit) */
    public VerifyLanes(
            int lanes,
            int capacityPerLane,
            int maxRecordBytes,
            ReadingVerifier verifier,
            CertificateIntake certificates,
            VerdictSink sink) {
        this(lanes, capacityPerLane, maxRecordBytes, verifier, certificates, sink, TradeRoute.NONE);
    }

    public VerifyLanes(
            int lanes,
            int capacityPerLane,
            int maxRecordBytes,
            ReadingVerifier verifier,
            CertificateIntake certificates,
            VerdictSink sink,
            TradeRoute trades) {
        if (lanes < 1) {
            throw new IllegalArgumentException("need at least one verify lane");
        }
        this.maxRecordBytes = maxRecordBytes;
        this.verifier = verifier;
        this.certificates = certificates;
        this.sink = sink;
        this.trades = trades;
        for (int i = 0; i < lanes; i++) {
            BlockingQueue<Inbound> q = new ArrayBlockingQueue<>(capacityPerLane);
            queues.add(q);
            Thread t = new Thread(() -> work(q), "ebc-verify-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public VerifyLanes start() {
        threads.forEach(Thread::start);
        return this;
    }

    /**
     * Queues a message on its node's lane; blocks while that lane is full. An oversized message is
     * refused at once on the caller's thread instead (the size check comes before any parsing, so this
     * is cheap): a flood of megabyte messages must not wait in a queue and exhaust memory.
     */
    public void offer(Inbound m) throws InterruptedException {
        if (TradeVerifier.isTradeTopic(m.topic())
                && m.payload() != null
                && m.payload().length > TradeVerifier.MAX_BYTES) {
            trade(m);
            return;
        }
        int limit = isCertificateTopic(m.topic()) ? CertificateIntake.MAX_BYTES : maxRecordBytes;
        if (m.payload() != null && m.payload().length > limit) {
            Optional<Verdict> v = judge(m);
            if (v.isPresent()) {
                sink.submit(v.get());
            }
            return;
        }
        queues.get(laneOf(m.topic(), queues.size())).put(m);
    }

    /** Messages waiting for verification, all lanes together. */
    public int queued() {
        int n = 0;
        for (BlockingQueue<Inbound> q : queues) {
            n += q.size();
        }
        return n;
    }

    /** The lane of a topic: by its node segment, so a node's readings and certificate share one. */
    static int laneOf(String topic, int lanes) {
        if (topic == null || lanes == 1) {
            return 0;
        }
        // ebc/v1/<eag>/meter/<node>/<kind>: hash the text up to the last '/', which names the node.
        int end = topic.lastIndexOf('/');
        int h = end < 0 ? topic.hashCode() : topic.substring(0, end).hashCode();
        return Math.floorMod(h ^ (h >>> 16), lanes);
    }

    private void work(BlockingQueue<Inbound> q) {
        while (running || !q.isEmpty()) {
            Inbound m;
            try {
                m = q.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) {
                    continue;
                }
                if (TradeVerifier.isTradeTopic(m.topic())) {
                    trade(m);
                    continue;
                }
                Optional<Verdict> v = judge(m);
                if (v.isPresent()) {
                    sink.submit(v.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Verification never throws on hostile input; this is a bug, and the lane must outlive it.
                Logger.error(e, "verify lane: unexpected failure on a message");
            }
        }
    }

    private void trade(Inbound m) throws InterruptedException {
        if (trades.verifier() == null) {
            return;
        }
        trades.sink().submit(trades.verifier().verify(m.topic(), m.payload(), m.receivedAt()));
    }

    /** The verdict for the writer; empty for a certificate that was bound (nothing to store or count). */
    private Optional<Verdict> judge(Inbound m) {
        if (isCertificateTopic(m.topic())) {
            Optional<Rejection> refused = certificates.accept(m);
            return refused.map(Verdict.Rejected::new);
        }
        return Optional.of(verifier.verify(m.topic(), m.payload(), m.receivedAt()));
    }

    private static boolean isCertificateTopic(String topic) {
        return topic != null
                && topic.startsWith(Topics.ROOT + "/")
                && topic.endsWith("/" + Topics.MeterMessage.CERTIFICATE.leaf());
    }

    /** Stops taking messages, verifies what is queued, and waits for the lanes to finish. */
    @Override
    public void close() {
        running = false;
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
