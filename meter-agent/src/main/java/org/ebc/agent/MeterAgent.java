package org.ebc.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.ebc.agent.config.AgentConfig;
import org.ebc.agent.config.NodeIdentity;
import org.ebc.agent.config.WalletKeyFiles;
import org.ebc.agent.delivery.Courier;
import org.ebc.agent.delivery.GatewayInbox;
import org.ebc.agent.reading.ReadingReason;
import org.ebc.agent.reading.ReadingRecorder;
import org.ebc.agent.reading.ReadingSchedule;
import org.ebc.agent.reading.RecordSigner;
import org.ebc.agent.status.AgentStatus;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.AgentEvent;
import org.ebc.agent.store.EventJournal;
import org.ebc.agent.store.LinkStore;
import org.ebc.agent.store.MeterState;
import org.ebc.agent.store.MeterStateStore;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.store.SqliteTradeLedger;
import org.ebc.agent.trading.Trader;
import org.ebc.agent.trading.Wallet;
import org.ebc.agent.trading.Wallets;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyId;
import org.ebc.hardware.EnergyMeter;
import org.tinylog.Logger;

/**
 * One meter agent: reads its meter on the reading schedule, keeps the durable registers and the page
 * counter, signs OCMF records into the outbox, and delivers them to its gateway (DESIGN §4). Several
 * agents can run in one JVM (the gateway's bench runs N simulated meters in one process); each has its
 * own thread, SQLite file, MQTT client and meter.
 *
 * <p>With {@code trading.enabled} (the default) it also trades by itself ({@link Trader}): at every slot-border
 * reading it decides and places its order, it pays its bills and co-signs its sales.
 *
 * <p>Threading: all work of an agent (readings, outbox, delivery decisions, trading, status) runs on its single
 * agent thread, so the SQLite connection and the in-memory state have exactly one user. Public methods are
 * thread-safe: they hand work to that thread.
 */
public final class MeterAgent implements AutoCloseable {
    public static final String VERSION = versionOf();
    /** Orders, bills and co-signatures in the published status. */
    private static final int STATUS_LATEST = 5;

    private final AgentConfig config;
    private final EnergyMeter meter;
    private final AgentDatabase db;
    private final Outbox outbox;
    private final ReadingRecorder recorder;
    private final ReadingSchedule schedule;
    private final Courier courier;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final boolean scheduled;
    private final Optional<Trader> trader;
    private boolean closed;

    private MeterAgent(
            AgentConfig config,
            NodeIdentity identity,
            EnergyMeter meter,
            AgentDatabase db,
            Outbox outbox,
            ReadingRecorder recorder,
            Clock clock,
            RandomGenerator random,
            boolean scheduled,
            Optional<Wallets> wallets) {
        this.config = config;
        this.meter = meter;
        this.db = db;
        this.outbox = outbox;
        this.recorder = recorder;
        this.clock = clock;
        this.scheduled = scheduled;
        this.schedule = new ReadingSchedule(config.interval(), config.slot());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agent-" + config.node()));
        this.courier = new Courier(config, identity, outbox, db, thread, clock, random, this::statusJson);
        this.trader = wallets.map(w -> new Trader(
                new Trader.NodeKey(
                        config.node(),
                        identity.signingKey(),
                        KeyId.of(identity.chain().get(0).getPublicKey())),
                w,
                config.trading(),
                config.slot(),
                new SqliteTradeLedger(db),
                courier,
                clock));
        trader.ifPresent(t -> courier.inbox(new GatewayInbox(config.eag(), config.node(), t)));
    }

    /**
     * Opens an agent: checks the key directory against the meter, opens (or creates) the SQLite file,
     * and prepares delivery. Takes ownership of {@code meter} (closed with the agent).
     *
     * @param meterModel written as OCMF {@code MM} (the driver type, e.g. {@code s0})
     * @param scheduled true to take readings on the schedule; false when the caller drives
     *     {@link #readNow} (tests with a fake clock)
     * @throws org.ebc.config.ConfigException if keys and meter do not belong together
     * @throws org.ebc.agent.store.StoreException if the SQLite file cannot be used
     */
    public static MeterAgent open(
            AgentConfig config,
            EnergyMeter meter,
            String meterModel,
            Clock clock,
            RandomGenerator random,
            boolean scheduled) {
        Instant now = clock.instant();
        NodeIdentity identity = NodeIdentity.load(config, meter.serial(), now);
        AgentDatabase db = AgentDatabase.open(config.database());
        try {
            MeterState state = MeterStateStore.loadOrCreate(db, config.node(), meter.serial(), now);
            Outbox outbox = new Outbox(db, config.outboxLimit());
            RecordSigner signer =
                    new RecordSigner(config.node(), meter.serial(), meterModel, VERSION, identity.signingKey());
            ReadingRecorder recorder = new ReadingRecorder(
                    config.node(),
                    db,
                    outbox,
                    meter,
                    signer,
                    state,
                    config.onMeterFault(),
                    config.clockStatus(),
                    clock);
            Optional<Wallets> wallets = config.trading().enabled() ? Optional.of(wallets(config)) : Optional.empty();
            MeterAgent agent =
                    new MeterAgent(config, identity, meter, db, outbox, recorder, clock, random, scheduled, wallets);
            LinkStore.started(db, ProcessHandle.current().pid(), now);
            db.inTransaction(c -> {
                EventJournal.record(
                        c,
                        now,
                        AgentEvent.STARTED,
                        "agent " + VERSION + " pid " + ProcessHandle.current().pid() + ", next page "
                                + state.nextPage().value() + ", " + state.registers() + ", outbox " + outbox.depth());
                return null;
            });
            Logger.info(
                    "node={} agent {} opened: meter {} ({}), next page {}, {}, outbox {} of {}",
                    config.node(),
                    VERSION,
                    meter.serial(),
                    meterModel,
                    state.nextPage().value(),
                    state.registers(),
                    outbox.depth(),
                    outbox.limit());
            return agent;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The wallet keys in {@code key.dir}; a trading node needs at least one. */
    private static Wallets wallets(AgentConfig config) {
        List<Wallet> all = WalletKeyFiles.load(config.keyDir());
        if (all.isEmpty()) {
            throw new ConfigException(
                    AgentConfig.KEY_DIR,
                    config.keyDir().toString(),
                    "a directory with the wallet keys (wallet-1.key …) that `meter-agent enroll` creates; it has none,"
                            + " so the node cannot trade (or set trading.enabled = false)");
        }
        return new Wallets(all);
    }

    public AgentConfig config() {
        return config;
    }

    /** Connects to the broker and, if scheduled, takes a first reading now and then on the schedule. */
    public void start() {
        thread.execute(guarded("start", () -> {
            courier.start();
            trader.ifPresent(t -> {
                // Often enough for trading.resend-after; the trader reads nothing while it has nothing unanswered.
                long tick = Math.max(
                        100, Math.min(1000, config.trading().resendAfter().toMillis() / 2));
                var unused =
                        thread.scheduleWithFixedDelay(guarded("trading", t::tick), tick, tick, TimeUnit.MILLISECONDS);
            });
            if (scheduled && !pastLastPage()) {
                take(schedule.reasonAt(clock.instant()));
                scheduleNext();
            }
        }));
    }

    /** Takes a reading on the agent thread now (tests drive this with a fake clock). */
    public Future<ReadingRecorder.Result> readNow(ReadingReason reason) {
        return thread.submit(() -> take(reason));
    }

    /** A consistent snapshot of the agent's state, taken on the agent thread. */
    public AgentStatus status() {
        try {
            return thread.submit(this::statusNow).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking node " + config.node() + " for its status", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node " + config.node() + " did not report its status: " + e, e);
        }
    }

    private ReadingRecorder.Result take(ReadingReason reason) {
        ReadingRecorder.Result r = recorder.record(reason);
        if (r == ReadingRecorder.Result.SIGNED || r == ReadingRecorder.Result.SIGNED_FAULT) {
            courier.recordsAvailable();
        }
        if (reason == ReadingReason.SLOT_BORDER && trader.isPresent()) {
            // The registers are durable at this point, whether or not a record was signed (a full outbox).
            guarded("trading", () -> trader.get().border(recorder.registers())).run();
        }
        return r;
    }

    private void scheduleNext() {
        if (pastLastPage()) {
            Logger.info(
                    "node={} signed its last page {} ({}); no more readings, delivery goes on",
                    config.node(),
                    config.lastPage(),
                    AgentConfig.READING_LAST_PAGE);
            return;
        }
        Instant now = clock.instant();
        ReadingSchedule.Due due = schedule.next(now);
        long delay = Math.max(0, Duration.between(now, due.at()).toMillis());
        try {
            var unused = thread.schedule(
                    guarded("reading", () -> {
                        take(due.reason());
                        scheduleNext();
                    }),
                    delay,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closing
        }
    }

    private boolean pastLastPage() {
        return config.lastPage() > 0 && recorder.nextPage().value() > config.lastPage();
    }

    private AgentStatus statusNow() {
        return AgentStatus.live(
                config,
                recorder.nextPage().value() - 1,
                recorder.registers(),
                outbox,
                courier,
                recorder.outboxFull(),
                trader.map(t -> t.summary(STATUS_LATEST)),
                clock.instant());
    }

    private byte[] statusJson() {
        return statusNow().toJson();
    }

    private Runnable guarded(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                // A failed task must not silently end the schedule; the next reading tries again.
                Logger.error(e, "node={} {} failed", config.node(), what);
                if (what.equals("reading")) {
                    scheduleNext();
                }
            }
        };
    }

    /** Stops readings and delivery, records the stop, closes the meter and the file. Idempotent; bounded in time. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.submit(() -> {
                        courier.stop();
                        Instant now = clock.instant();
                        db.inTransaction(c -> {
                            EventJournal.record(
                                    c,
                                    now,
                                    AgentEvent.STOPPED,
                                    "stopped; next page " + recorder.nextPage().value() + ", outbox " + outbox.depth());
                            return null;
                        });
                    })
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Logger.warn("node={} clean stop incomplete: {}", config.node(), e.toString());
        } catch (RejectedExecutionException e) {
            // already shut down
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        meter.close();
        db.close();
        Logger.info("node={} stopped", config.node());
    }

    private static String versionOf() {
        String v = MeterAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
