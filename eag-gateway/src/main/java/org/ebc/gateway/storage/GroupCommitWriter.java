package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.verify.MeterHistory;
import org.ebc.gateway.verify.RecordDigest;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.gateway.verify.SequenceDecision;
import org.ebc.gateway.verify.SequenceJudge;
import org.ebc.gateway.verify.Verdict;
import org.ebc.gateway.verify.VerifiedReading;
import org.ebc.units.NodeId;
import org.tinylog.Logger;

/**
 * The single writer of readings: it takes everything the verifiers produced during the last few
 * milliseconds (up to {@link Settings#window()} after the first message, at most
 * {@link Settings#maxMessages()}), decides page order and registers for each reading
 * ({@link SequenceJudge}, in arrival order, seeing the batch's own earlier decisions), writes readings,
 * gap events and rejections in one transaction, commits (one fsync for the whole group), and only then
 * hands the {@link CommitReport} to its listener, which sends the acknowledgements.
 *
 * <p>Being the only thread that decides and writes is what serialises the per-meter page and register
 * decision without locks. If a group fails to commit, each of its messages is retried in a transaction
 * of its own, so one message that cannot be stored does not take the others with it; a message that
 * still fails is logged and not acknowledged (its agent will send it again).
 *
 * <p>Thread-safety: {@link #submit} may be called from any thread; everything else runs on the writer
 * thread. The connection belongs to the writer.
 */
public final class GroupCommitWriter implements AutoCloseable {

    /**
     * @param window how long to wait for more messages after the first of a group (0: take only what is
     *     already queued)
     * @param maxMessages the most messages in one transaction
     * @param queueCapacity verified messages waiting for the writer before {@link #submit} blocks
     * @param rejectionLogRows rows of the rejection log kept (older rows are pruned; totals stay)
     */
    public record Settings(Duration window, int maxMessages, int queueCapacity, int rejectionLogRows) {
        public Settings {
            if (window.isNegative() || maxMessages < 1 || queueCapacity < 1 || rejectionLogRows < 1) {
                throw new IllegalArgumentException(
                        "bad group commit settings " + window + ", " + maxMessages + ", " + queueCapacity);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(5), 1_000, 20_000, 100_000);
        }
    }

    /** Receives the outcome of each group; called on the writer thread, so it must be quick. */
    public interface Listener {
        void committed(CommitReport report);

        /** Messages that could not be stored even alone; they are not acknowledged. */
        default void failed(List<Verdict> messages, String error) {}
    }

    private final Connection connection;
    private final Clock clock;
    private final Settings settings;
    private final Listener listener;
    private final BlockingQueue<Verdict> queue;
    private final SequenceJudge judge;
    private final CrashPoint crashPoint = CrashPoint.fromSystemProperty();
    private final IngestTables tables;
    private final SqliteMeterHistory history;
    private final Map<NodeId, Long> ackSeqs = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param rated each node's rated connection, for the plausibility of register increases */
    public GroupCommitWriter(
            Connection connection, Clock clock, Settings settings, SequenceJudge.RatedPower rated, Listener listener)
            throws SQLException {
        this.judge = new SequenceJudge(rated);
        this.connection = connection;
        this.clock = clock;
        this.settings = settings;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        connection.setAutoCommit(true); // transactions are explicit: WriteTransaction
        this.tables = new IngestTables(connection);
        this.history = new SqliteMeterHistory(connection);
        this.thread = new Thread(this::run, "ebc-group-commit");
    }

    public GroupCommitWriter start() {
        thread.start();
        return this;
    }

    /** Queues a verdict for the next group; blocks while the queue is full (back-pressure to ingress). */
    public void submit(Verdict verdict) throws InterruptedException {
        if (!running) {
            throw new IllegalStateException("the writer is closed");
        }
        queue.put(verdict);
    }

    public int queued() {
        return queue.size();
    }

    /** The meter history as seen by the writer, for tests. Only safe when the writer is not running. */
    MeterHistory history() {
        return history;
    }

    private void run() {
        List<Verdict> group = new ArrayList<>(settings.maxMessages());
        while (running || !queue.isEmpty()) {
            try {
                Verdict first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                collect(group);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The writer must survive anything one group throws; the group is lost, not the gateway.
                Logger.error(e, "group commit writer: unexpected failure, {} message(s) not stored", group.size());
            } finally {
                group.clear();
            }
        }
    }

    private void collect(List<Verdict> group) throws InterruptedException {
        long deadline = System.nanoTime() + settings.window().toNanos();
        while (group.size() < settings.maxMessages()) {
            queue.drainTo(group, settings.maxMessages() - group.size());
            long left = deadline - System.nanoTime();
            if (group.size() >= settings.maxMessages() || left <= 0) {
                return;
            }
            Verdict next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            group.add(next);
        }
    }

    private void write(List<Verdict> group) {
        try {
            listener.committed(commit(group));
        } catch (SQLException | StorageException e) {
            rollback();
            if (group.size() == 1) {
                Logger.error("cannot store a message from {}: {}", sender(group.get(0)), e.getMessage());
                listener.failed(List.copyOf(group), e.getMessage());
                return;
            }
            Logger.warn(
                    "group commit of {} messages failed ({}); storing them one by one", group.size(), e.getMessage());
            for (Verdict v : group) {
                write(List.of(v));
            }
        }
    }

    private CommitReport commit(List<Verdict> group) throws SQLException {
        long t0 = System.nanoTime();
        WriteTransaction.begin(connection);
        Instant now = clock.instant();
        Map<NodeId, Outcome> outcomes = new LinkedHashMap<>();
        Map<RejectReason, Integer> rejectedByReason = new EnumMap<>(RejectReason.class);
        List<Rejection> rejections = new ArrayList<>();
        List<CommitReport.GapEvent> gaps = new ArrayList<>();
        List<CommitReport.DoubleSignedPage> doubleSigned = new ArrayList<>();
        Map<NodeId, Long> lastPages = new HashMap<>();
        int stored = 0;
        int filled = 0;
        int redelivered = 0;
        int gapsClosed = 0;
        for (Verdict v : group) {
            SequenceDecision d = v instanceof Verdict.Accepted a
                    ? judge.judge(a.reading(), history)
                    : new SequenceDecision.Refuse(((Verdict.Rejected) v).rejection());
            switch (d) {
                case SequenceDecision.Append append -> {
                    VerifiedReading r = append.reading();
                    if (!store(r)) {
                        redelivered++;
                    } else {
                        stored++;
                        lastPages.merge(r.node(), r.page(), Math::max);
                        if (append.gap() != null) {
                            tables.insertGap(r.meter(), r.node(), append.gap(), now);
                            gaps.add(new CommitReport.GapEvent(r.meter(), r.node(), append.gap()));
                        }
                    }
                    outcome(outcomes, r.node()).committed.add(r.page());
                }
                case SequenceDecision.Fill fill -> {
                    VerifiedReading r = fill.reading();
                    if (store(r)) {
                        stored++;
                        filled++;
                        if (tables.fillGap(r.meter(), r.page(), now)) {
                            gapsClosed++;
                        }
                    } else {
                        redelivered++;
                    }
                    outcome(outcomes, r.node()).committed.add(r.page());
                }
                case SequenceDecision.Redelivery again -> {
                    redelivered++;
                    outcome(outcomes, again.reading().node())
                            .committed
                            .add(again.reading().page());
                }
                case SequenceDecision.Refuse refuse ->
                    reject(refuse.rejection(), tables, rejections, rejectedByReason, outcomes);
                case SequenceDecision.DoubleSigned twice -> {
                    VerifiedReading r = twice.reading();
                    reject(twice.rejection(), tables, rejections, rejectedByReason, outcomes);
                    // Evidence and flag in this transaction: a flagged node always has its proof stored.
                    if (tables.insertPageEvidence(r, twice.stored(), now)) {
                        tables.flagNode(
                                r.node(),
                                RejectReason.DOUBLE_SIGNED_PAGE.name(),
                                "meter " + r.meter() + " signed page T" + r.page() + " twice with different content",
                                now);
                        doubleSigned.add(new CommitReport.DoubleSignedPage(
                                r.meter(), r.node(), r.page(), RecordDigest.of(twice.stored()), r.digest()));
                    }
                }
            }
        }
        if (!rejections.isEmpty()) {
            tables.addRejectionCounts(rejectedByReason);
            tables.pruneRejections(settings.rejectionLogRows());
        }
        if (redelivered > 0) {
            tables.addCounter("redeliveries", redelivered);
        }
        List<CommitReport.NodeOutcome> nodeOutcomes = new ArrayList<>(outcomes.size());
        for (Map.Entry<NodeId, Outcome> e : outcomes.entrySet()) {
            long seq = nextAckSeq(e.getKey());
            nodeOutcomes.add(new CommitReport.NodeOutcome(
                    e.getKey(), seq, new ArrayList<>(e.getValue().committed), e.getValue().rejected));
        }
        crashPoint.beforeCommit(group);
        WriteTransaction.commit(connection);
        return new CommitReport(
                now,
                nodeOutcomes,
                stored,
                filled,
                redelivered,
                rejectedByReason,
                rejections,
                gaps,
                gapsClosed,
                doubleSigned,
                lastPages,
                group.size(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private static void reject(
            Rejection r,
            IngestTables tables,
            List<Rejection> rejections,
            Map<RejectReason, Integer> byReason,
            Map<NodeId, Outcome> outcomes)
            throws SQLException {
        tables.insertRejection(r);
        rejections.add(r);
        byReason.merge(r.reason(), 1, Integer::sum);
        if (r.answerable()) {
            outcome(outcomes, r.sender()).rejected.add(r);
        }
    }

    /** @return false if the page turned out to be stored already (a re-delivery racing its original) */
    private boolean store(VerifiedReading r) throws SQLException {
        if (!tables.insertReading(r)) {
            return false;
        }
        history.stored(
                r.meter(),
                new MeterHistory.StoredRegisters(r.page(), r.importRegister(), r.exportRegister(), r.readingTime()));
        return true;
    }

    private long nextAckSeq(NodeId node) throws SQLException {
        Long last = ackSeqs.get(node);
        long seq = (last == null ? tables.lastAckSeq(node) : last) + 1;
        tables.writeAckSeq(node, seq);
        ackSeqs.put(node, seq);
        return seq;
    }

    private void rollback() {
        history.forgetUncommitted();
        ackSeqs.clear();
        WriteTransaction.rollback(connection);
    }

    private static Outcome outcome(Map<NodeId, Outcome> outcomes, NodeId node) {
        return outcomes.computeIfAbsent(node, n -> new Outcome());
    }

    private static String sender(Verdict v) {
        return switch (v) {
            case Verdict.Accepted a -> a.reading().node().value();
            case Verdict.Rejected r -> r.rejection().senderText();
        };
    }

    /** Stops taking new messages, writes everything queued, and stops the writer thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Outcome {
        final TreeSet<Long> committed = new TreeSet<>();
        final List<Rejection> rejected = new ArrayList<>();
    }
}
