package org.ebc.gateway.trading;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.account.AccountPool;
import org.ebc.gateway.ingress.RejectionLogger;
import org.ebc.gateway.market.MarketCalendar;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.settlement.SlotSettlement;
import org.ebc.gateway.storage.WriteTransaction;
import org.ebc.gateway.verify.SequenceJudge;
import org.ebc.gateway.verify.TradeInbound;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Receipt;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * The paper's transaction server, on one thread: it takes the orders and payments the ingress checked, runs each
 * slot through its notice, clearing and settlement ({@link MarketTimeline}) and hands bills and payments to the
 * payment core ({@link PaymentPort}). One thread decides everything, so the book, the nonces and the balances need
 * no locks and a double spend cannot slip between two checks; the ingress lanes only verify signatures in
 * parallel.
 *
 * <p>Orders that arrive together are taken in one SQLite transaction (one fsync), and their receipts go out after
 * it commits. Nothing is published before the change it reports is durable.
 *
 * <p>Thread-safety: {@link #submit} and {@link #snapshot} may be called from any thread.
 */
public final class TransactionServer implements AutoCloseable {
    /** How many orders, transfers and co-signatures one transaction takes at most. */
    static final int BATCH = 500;
    /** The server looks at the market's clock at least this often. */
    static final Duration TICK = Duration.ofMillis(200);

    /** What the bench's live line and {@code market show} print. */
    public record Snapshot(
            long ordersAccepted,
            Map<String, Long> refused,
            long slotsCleared,
            long slotsSettled,
            List<MarketTimeline.SlotReport> recentSlots,
            List<MarketTimeline.SettledReport> recentSettled,
            long published,
            long dropped) {}

    private final Connection connection;
    private final TradeStore store;
    private final MarketCalendar calendar;
    private final OrderDesk orders;
    private final MarketTimeline timeline;
    private final PaymentPort payments;
    private final TradeOutbox outbox;
    private final RejectionLogger refusals;
    private final Clock clock;
    private final EagSigner signer;
    private final WalletAddress grid;
    private final BlockingQueue<TradeInbound> inbox;
    private final Thread thread;
    private final Deque<MarketTimeline.SlotReport> recent = new ArrayDeque<>();
    private final Deque<MarketTimeline.SettledReport> recentSettled = new ArrayDeque<>();
    private final Map<String, Long> refusedByReason = new TreeMap<>();
    private volatile Set<NodeId> flagged = Set.of();
    private volatile boolean running = true;
    private long ordersAccepted;
    private long slotsCleared;
    private long slotsSettled;
    private Instant lastPaymentTick = Instant.EPOCH;

    /**
     * @param connection a writer connection to the migrated gateway database, the server's alone
     * @param grid the EAG's grid account (its address: {@code WalletAddress.of(EAG public key)})
     * @param channel where signed messages go (the MQTT edge)
     */
    public TransactionServer(
            Connection connection,
            MarketParameters market,
            AccountPool accounts,
            EagSigner signer,
            WalletAddress grid,
            SequenceJudge.RatedPower rated,
            PaymentPort payments,
            TradeOutbox.Channel channel,
            RejectionLogger refusals)
            throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true); // transactions are explicit: WriteTransaction
        this.store = new TradeStore(connection);
        this.calendar = new MarketCalendar(market);
        this.signer = signer;
        this.clock = signer.clock();
        this.grid = grid;
        this.orders = new OrderDesk(
                store,
                calendar,
                accounts,
                node -> flagged.contains(node) ? Optional.of(OrderReason.NODE_FLAGGED) : Optional.empty(),
                signer);
        this.timeline = new MarketTimeline(store, calendar, new BorderReadings(connection), signer, grid, rated);
        this.payments = payments;
        this.outbox = new TradeOutbox(channel, 100_000);
        this.refusals = refusals;
        this.inbox = new ArrayBlockingQueue<>(20_000);
        this.thread = new Thread(this::run, "ebc-trade");
    }

    /** The market's rules as published (retained) on {@code market/info}. */
    public byte[] marketInfo() {
        MarketParameters p = calendar.parameters();
        return new MarketInfo(
                        signer.eag(),
                        clock.millis(),
                        clock.instant(),
                        p.mode().wireName(),
                        p.pricing().wireName(),
                        p.slotLength(),
                        p.gateLead(),
                        p.mode() == org.ebc.gateway.market.MarketMode.POSTED ? p.offerWindow() : Duration.ZERO,
                        p.horizonSlots(),
                        p.retailTariff(),
                        p.feedInTariff(),
                        p.maxOrderEnergy(),
                        grid)
                .sign(signer.key(), signer.keyId());
    }

    public String marketInfoTopic() {
        return Topics.market(signer.eag(), Topics.MarketMessage.INFO);
    }

    public TransactionServer start() {
        outbox.start();
        thread.start();
        return this;
    }

    /**
     * Runs {@code work} on the server's thread, in turn with the messages queued before it, and returns its result;
     * on the server's own thread it runs at once. What it wants published it hands to {@link #publish}.
     *
     * @throws IllegalStateException if the server does not run it within {@code timeout} (stopped, or stuck)
     */
    public <T> T call(java.util.concurrent.Callable<T> work, Duration timeout) throws InterruptedException {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        if (Thread.currentThread() == thread) {
            task.run();
        } else {
            if (!running) {
                throw new IllegalStateException("the transaction server is stopping");
            }
            inbox.put(new TradeInbound.Task(task, clock.instant()));
        }
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a task on the transaction server failed: " + cause, cause);
        } catch (java.util.concurrent.TimeoutException e) {
            task.cancel(false);
            throw new IllegalStateException("the transaction server did not run a task within " + timeout, e);
        }
    }

    /** Publishes signed messages after the change they report is committed (from a {@link #call}'s work). */
    public void publish(List<Outgoing> messages) {
        outbox.send(messages);
    }

    /** Queues a checked message for the server; blocks while its inbox is full (back-pressure to the lanes). */
    public void submit(TradeInbound m) throws InterruptedException {
        inbox.put(m);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(
                ordersAccepted,
                Map.copyOf(refusedByReason),
                slotsCleared,
                slotsSettled,
                List.copyOf(recent),
                List.copyOf(recentSettled),
                outbox.sent(),
                outbox.dropped());
    }

    private void run() {
        List<TradeInbound> batch = new ArrayList<>(BATCH);
        while (running || !inbox.isEmpty()) {
            try {
                TradeInbound first = inbox.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, BATCH - 1);
                    handle(batch);
                }
                advance();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                // The server must outlive a failure of one step: what was not committed is redone or refused later.
                rollback();
                Logger.error(e, "transaction server: a step failed and was rolled back");
            } finally {
                batch.clear();
            }
        }
    }

    /** A unit of work in one transaction, and what it produced. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one immediate transaction ({@link WriteTransaction}: the write lock first, so it reads
     * the newest state and its writes cannot fail for another writer's commit) and commits. If the lock was not
     * to be had within the busy timeout, or SQLite refused anyway, the work is rolled back and done again from the
     * new state: it is a function of what the database holds, so redoing it is safe.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                WriteTransaction.begin(connection);
                T result = work.run();
                WriteTransaction.commit(connection);
                return result;
            } catch (SQLException e) {
                rollback();
                if (!busy(e) || attempt >= 50) {
                    throw e;
                }
                try {
                    // Contention, not an event to await: back off a little, longer each time, then redo the work.
                    TimeUnit.MILLISECONDS.sleep(Math.min(50, attempt * 2L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean busy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("database is locked");
    }

    private record Taken(List<Outgoing> out, int accepted, List<OrderDesk.Refusal> refused) {}

    /** Orders in one transaction, then each payment message through the payment core. */
    private void handle(List<TradeInbound> batch) throws SQLException {
        Instant now = clock.instant();
        Taken taken = inTransaction(() -> take(batch, now));
        outbox.send(taken.out());
        count(taken.accepted(), taken.refused());
        for (TradeInbound m : batch) {
            if (m instanceof TradeInbound.TransferIn t) {
                outbox.send(payments.transfer(t, now));
            } else if (m instanceof TradeInbound.CosignIn c) {
                outbox.send(payments.cosign(c, now));
            } else if (m instanceof TradeInbound.Task t) {
                t.work().run(); // a FutureTask keeps its own failure for the caller
            }
        }
    }

    private Taken take(List<TradeInbound> batch, Instant now) throws SQLException {
        flagged = store.flaggedNodes();
        List<Outgoing> out = new ArrayList<>();
        List<OrderDesk.Refusal> refused = new ArrayList<>();
        int accepted = 0;
        for (TradeInbound m : batch) {
            if (m instanceof TradeInbound.OrderIn o) {
                OrderDesk.Decision d = orders.take(o, now);
                out.add(d.receipt());
                if (d.refusal().isPresent()) {
                    OrderDesk.Refusal r = d.refusal().get();
                    refused.add(r);
                    store.recordRefusal(now, r.node(), "order", r.ref(), r.reason(), r.detail(), r.digest());
                }
                accepted += d.booked().isPresent() ? 1 : 0;
            } else if (m instanceof TradeInbound.Refused r) {
                store.recordRefusal(
                        now, r.node(), r.about(), r.ref(), r.reason().name(), r.detail(), r.digest());
                refused.add(new OrderDesk.Refusal(r.node(), r.ref(), r.reason().name(), r.detail(), r.digest()));
                if (r.answerable()) {
                    out.add(signer.receipt(
                            r.node(),
                            r.about(),
                            r.ref(),
                            Receipt.Status.REFUSED,
                            r.reason().name(),
                            r.detail()));
                }
            }
        }
        return new Taken(out, accepted, refused);
    }

    private synchronized void count(int accepted, List<OrderDesk.Refusal> refused) {
        ordersAccepted += accepted;
        for (OrderDesk.Refusal r : refused) {
            refusedByReason.merge(r.reason(), 1L, Long::sum);
            refusals.log(
                    r.node() == null ? "unknown sender" : r.node().value(), r.reason(), " " + r.ref(), r.detail(), "");
        }
    }

    /** Every slot step that is due, each in its own transaction; then the payment core's clock. */
    private void advance() throws SQLException {
        Instant now = clock.instant();
        List<MarketSlot> candidates = inTransaction(() -> timeline.candidates(now, store.unfinishedSlots()));
        for (MarketSlot slot : candidates) {
            for (Optional<MarketTimeline.Step> step = inTransaction(() -> timeline.advance(slot, now));
                    step.isPresent();
                    step = inTransaction(() -> timeline.advance(slot, now))) {
                MarketTimeline.Step s = step.get();
                outbox.send(s.messages());
                MarketTimeline.log(s);
                s.settled().ifPresent(settlement -> settled(settlement, now));
                s.cleared().ifPresent(this::cleared);
            }
        }
        if (Duration.between(lastPaymentTick, now).compareTo(Duration.ofSeconds(1)) >= 0) {
            lastPaymentTick = now;
            outbox.send(payments.tick(now));
        }
    }

    private void settled(SlotSettlement s, Instant now) {
        synchronized (this) {
            slotsSettled++;
            Map<String, Integer> byKind = new TreeMap<>();
            s.lines().forEach(l -> byKind.merge(l.kind().wireName(), 1, Integer::sum));
            recentSettled.addLast(new MarketTimeline.SettledReport(
                    s.slot(), byKind, s.unproven().size()));
            while (recentSettled.size() > 16) {
                recentSettled.removeFirst();
            }
        }
        outbox.send(payments.settled(s, now));
    }

    private synchronized void cleared(MarketTimeline.SlotReport report) {
        slotsCleared++;
        recent.addLast(report);
        while (recent.size() > 16) {
            recent.removeFirst();
        }
    }

    private void rollback() {
        store.forgetUncommitted();
        WriteTransaction.rollback(connection);
    }

    /** Takes what is queued, finishes due steps, publishes what is left, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.close();
        try {
            connection.close();
        } catch (SQLException e) {
            Logger.debug("transaction server: closing its connection: {}", e.getMessage());
        }
    }
}
