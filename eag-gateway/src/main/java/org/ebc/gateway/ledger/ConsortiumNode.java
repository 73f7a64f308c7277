package org.ebc.gateway.ledger;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.consensus.MessageKind;
import org.ebc.gateway.chain.BlockAssembler;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.ChainFold;
import org.ebc.gateway.chain.Enrollments;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.gateway.consensus.ConsensusCore;
import org.ebc.gateway.consensus.ConsensusEvents;
import org.ebc.gateway.consensus.ConsensusPorts;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.ConsensusTransport;
import org.ebc.gateway.consensus.Handled;
import org.ebc.gateway.consensus.TimerKey;
import org.ebc.gateway.consensus.Timers;
import org.ebc.gateway.consensus.Verdict;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Block;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TxBody;
import org.ebc.units.EagId;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * One EAG's seat in the consortium, running: a {@link ConsensusCore} on its own thread, fed by MQTT
 * ({@code ebc/v1/consortium/#}) and real timers, a miner on another thread that assembles a block from the
 * pending transactions and searches its proof of work, the chain's validator as auditor, and the gateway's
 * SQLite ledger as chain store and vote journal.
 *
 * <p>Topics (the bridging rule of docs/broker.md: a consortium topic starts with its sender's id):
 * broadcasts on {@code ebc/v1/consortium/<from>/<typ>}, messages to one EAG on
 * {@code ebc/v1/consortium/<from>/to/<eag>/<typ>}, where {@code typ} is the message kind's envelope type
 * ({@code cs-proposal}, {@code cs-reply}, …); QoS 1, not retained. The topic only routes: the core checks every
 * signature and refuses its own echoes.
 */
public final class ConsortiumNode implements AutoCloseable {

    /** The transactions the miner should try to include, in order (verified; the home EAG's admissions). */
    @FunctionalInterface
    public interface PendingTransactions {
        List<LedgerTransaction> candidates();

        PendingTransactions NONE = List::of;
    }

    /**
     * Hears of every committed block, on the consensus thread (must not block for long); at {@link #start}, before
     * consensus begins, it also hears every block already stored, in height order, so a listener that keeps records
     * of its own (the memory pool's "committed" marks) catches up after a crash between a commit and its record. It
     * must therefore be idempotent.
     */
    @FunctionalInterface
    public interface CommitListener {
        void committed(Block block, CertifiedBlock certified);
    }

    /**
     * @param consensus the core's settings (timeouts, limits)
     * @param blockSpacing the least time between the commit of one block and mining the next: at a low
     *     difficulty the chain would otherwise make blocks as fast as consensus can agree, spinning the CPU for
     *     nothing; the genesis's difficulty rule still sets the pace when mining is slower than this
     * @param maxTransactions the most transactions per block this EAG mines
     */
    public record Settings(ConsensusSettings consensus, Duration blockSpacing, int maxTransactions) {}

    /** The largest evidence document a ledger transaction carries (base64 in a string of at most 16 KiB). */
    static final int EVIDENCE_MAX_BYTES = 12 * 1024;

    private final Genesis genesis;
    private final Consortium consortium;
    private final EagSigner signer;
    private final KeyPair minerKeys;
    private final SqliteLedgerStore store;
    private final BlockValidator validator;
    private final Enrollments enrollments;
    private final Clock clock;
    private final Settings settings;
    private final PendingTransactions pending;
    private final CommitListener listener;
    private final MqttAsyncClient mqtt;
    private final MqttConnectOptions options;
    private final ExecutorService core;
    private final ScheduledExecutorService timers;
    private final ExecutorService mining;
    private final java.util.concurrent.ConcurrentMap<Verdict, java.util.concurrent.atomic.LongAdder> verdicts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final List<EvidenceCheck> evidence = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Proven equivocations this EAG admitted as {@code evidence} transactions and offers to its blocks until one is
     * committed, by what they prove (accused, kind, height, round): signed once, so the id stays.
     */
    private final Map<String, LedgerTransaction> evidenceToRecord = new java.util.concurrent.ConcurrentHashMap<>();

    private final String subscription = Topics.ROOT + "/consortium/#";
    /** The leaf under which EAGs pass on the authority's registrations (retained: a peer that starts later gets them). */
    static final String REGISTRATIONS = "registrations";

    private volatile @Nullable RegistrationFeed registrations;
    /** The leaf under which each EAG passes on the transactions it admitted and that wait for a block. */
    static final String TRANSACTIONS = "transactions";
    /** How often a transaction still waiting is passed on again (a peer that was away, a message lost). */
    static final long REANNOUNCE_MILLIS = 15_000;

    private final PeerTransactions peers;
    private final ExecutorService gossip;
    /** This EAG's waiting transactions it passed on, and when. */
    private final Map<Sha256Hash, Long> announced = new java.util.concurrent.ConcurrentHashMap<>();

    private @Nullable ConsensusCore consensus;
    private @Nullable ChainAuditor auditor;
    private volatile @Nullable MiningJob job;
    private volatile long lastCommitMillis;
    private volatile boolean closed;

    public ConsortiumNode(
            Genesis genesis,
            EagSigner signer,
            KeyPair minerKeys,
            SqliteLedgerStore store,
            Enrollments enrollments,
            BlockValidator validator,
            String brokerUrl,
            MqttConnectOptions options,
            Clock clock,
            Settings settings,
            PendingTransactions pending,
            CommitListener listener) {
        this.genesis = genesis;
        this.consortium = Consortium.of(genesis);
        this.signer = signer;
        this.minerKeys = minerKeys;
        this.store = store;
        this.enrollments = enrollments;
        this.validator = validator;
        this.clock = clock;
        this.settings = settings;
        this.pending = pending;
        this.listener = listener;
        this.options = options;
        String id = signer.id().value();
        this.core = Executors.newSingleThreadExecutor(r -> daemon(r, "ebc-consensus-" + id));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ebc-consensus-timers-" + id));
        this.mining = Executors.newSingleThreadExecutor(r -> daemon(r, "ebc-miner-" + id));
        this.gossip = Executors.newSingleThreadExecutor(r -> daemon(r, "ebc-tx-gossip-" + id));
        this.peers = new PeerTransactions(
                signer.id(), genesis, 50_000, Duration.ofMinutes(10).toMillis());
        try {
            this.mqtt = new MqttAsyncClient(brokerUrl, "ebc-consensus-" + id, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("broker URL " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Re-validates the stored chain from the genesis (a block that does not hold stops the start: run
     * {@code ledger verify}), connects (the options given, with a clean session and Paho's automatic reconnect:
     * consensus re-subscribes and catches up, it needs no queued messages), subscribes and takes up the height after the tip.
     *
     * @throws IllegalStateException if the stored chain does not validate
     * @throws MqttException if the broker cannot be reached
     */
    public void start() throws MqttException {
        start(false);
    }

    /**
     * {@link #start()}; with {@code waitForBroker}, a broker that cannot be reached at start does not fail it: the
     * seat takes up its height at once (an islanded EAG: its microgrid trades, nothing is committed) and connects in
     * the background, every second at first and at most every 30 s, as the gateway's ingress does.
     */
    public void start(boolean waitForBroker) throws MqttException {
        List<CertifiedBlock> certified = new ArrayList<>();
        List<byte[]> stored = new ArrayList<>();
        for (long h = 1; h <= store.height(); h++) {
            CertifiedBlock b = store.block(h).orElseThrow();
            certified.add(b);
            stored.add(b.block());
        }
        ChainFold.Replay replay =
                ChainFold.replay(InMemoryChainState.atGenesis(genesis, enrollments), stored, validator, clock);
        if (!replay.isComplete()) {
            throw new IllegalStateException("the stored chain does not validate at height " + (replay.blocks() + 1)
                    + ": " + replay.failure() + " (run `eag-gateway ledger verify`)");
        }
        for (CertifiedBlock b : certified) {
            listener.committed(ChainAuditor.decode(b.block()), b);
        }
        ChainAuditor a = new ChainAuditor(validator, replay.state(), clock);
        this.auditor = a;
        this.consensus = new ConsensusCore(
                consortium,
                signer,
                settings.consensus(),
                new ConsensusPorts(new Transport(), a, store, new CoreTimers(), store, new Events()),
                clock,
                new SplittableRandom());
        lastCommitMillis = clock.millis();
        mqtt.setCallback(new Inbound());
        MqttConnectOptions o = options;
        o.setCleanSession(true);
        if (o.getSocketFactory() == null) {
            // Plain TCP without a factory of the caller's: TCP_NODELAY, or Nagle adds ~40 ms to every hop.
            o.setSocketFactory(org.ebc.wire.NoDelaySockets.plain());
        }
        o.setAutomaticReconnect(true);
        try {
            connectAndSubscribe(o);
        } catch (MqttException e) {
            if (!waitForBroker) {
                throw e;
            }
            Logger.warn(
                    "consensus: {} cannot reach the broker ({}); the seat starts islanded and keeps trying to connect",
                    signer.id(),
                    e.getMessage());
            retryConnect(o, 1000);
        }
        onCore(() -> requireCore().start());
        Logger.info(
                "consensus: {} started at height {} ({} EAGs, quorum {})",
                signer.id(),
                store.height() + 1,
                consortium.size(),
                consortium.quorum());
    }

    /**
     * Takes part in the registrations gossip (before {@link #start}): documents other EAGs pass on are offered to
     * {@code feed}; each revision the feed adopts, from whatever source, is published under this EAG's own topic
     * {@code ebc/v1/consortium/<eag>/registrations}, retained, so that it crosses this EAG's bridges and reaches a
     * peer that connects later. At start the revision held is published once.
     */
    public void gossip(RegistrationFeed feed) {
        this.registrations = feed;
        feed.onAdopted(r -> publishRegistrations(r.raw()));
    }

    private void publishRegistrations(byte[] raw) {
        if (closed) {
            return;
        }
        try {
            mqtt.publish(Topics.consortium(signer.id(), REGISTRATIONS), raw, 1, true);
        } catch (MqttException e) {
            Logger.warn("consensus: {} could not pass on the registrations: {}", signer.id(), e.getMessage());
        }
    }

    private void connectAndSubscribe(MqttConnectOptions o) throws MqttException {
        mqtt.connect(o).waitForCompletion(Duration.ofSeconds(30).toMillis());
        mqtt.subscribe(subscription, 1).waitForCompletion(Duration.ofSeconds(30).toMillis());
        RegistrationFeed feed = registrations;
        if (feed != null) {
            feed.current().ifPresent(r -> publishRegistrations(r.raw()));
        }
    }

    /** Tries to connect after {@code delayMillis}; doubles the delay (to 30 s) after each failure. */
    private void retryConnect(MqttConnectOptions o, long delayMillis) {
        if (closed) {
            return;
        }
        try {
            var unused = timers.schedule(
                    () -> {
                        if (closed) {
                            return;
                        }
                        try {
                            connectAndSubscribe(o);
                            Logger.info("consensus: {} reached the broker; the seat takes part again", signer.id());
                        } catch (MqttException e) {
                            Logger.debug(
                                    "consensus: {} still cannot reach the broker: {}", signer.id(), e.getMessage());
                            retryConnect(o, Math.min(30_000, delayMillis * 2));
                        }
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** The committed height. */
    public long height() {
        return store.height();
    }

    /** The committed tip's hash. */
    public BlockHash tip() {
        return store.tip();
    }

    public EagId id() {
        return signer.id();
    }

    /** How many consensus messages got each verdict. */
    public long verdicts(Verdict v) {
        java.util.concurrent.atomic.LongAdder a = verdicts.get(v);
        return a == null ? 0 : a.sum();
    }

    /** Equivocations this EAG has seen proven. */
    public List<EvidenceCheck> evidence() {
        return List.copyOf(evidence);
    }

    /** The committed chain state (balances, supply). */
    public InMemoryChainState state() {
        ChainAuditor a = auditor;
        if (a == null) {
            throw new IllegalStateException("not started");
        }
        return a.state();
    }

    /** Stops at once: timers, the miner and the core; the broker connection is dropped without a goodbye. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        MiningJob j = job;
        if (j != null) {
            j.cancel();
        }
        timers.shutdownNow();
        mining.shutdownNow();
        gossip.shutdownNow();
        core.shutdownNow();
        try {
            core.awaitTermination(5, TimeUnit.SECONDS);
            mining.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            mqtt.disconnectForcibly(0, 5000, false);
        } catch (MqttException e) {
            // already gone
        }
        try {
            mqtt.close(true);
        } catch (MqttException e) {
            // best effort
        }
    }

    private ConsensusCore requireCore() {
        ConsensusCore c = consensus;
        if (c == null) {
            throw new IllegalStateException("not started");
        }
        return c;
    }

    private void onCore(Runnable r) {
        if (closed) {
            return;
        }
        try {
            core.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    Logger.error(e, "consensus: {} failed", signer.id());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** Verdicts that are the protocol's normal weather (echoes, re-deliveries, a peer ahead or behind). */
    private static final java.util.Set<Verdict> ROUTINE = java.util.EnumSet.of(
            Verdict.ACCEPTED, Verdict.OWN_MESSAGE, Verdict.DUPLICATE, Verdict.OLD_HEIGHT, Verdict.FUTURE_HEIGHT);

    private final java.util.Set<Verdict> logged = java.util.EnumSet.noneOf(Verdict.class);

    /** Counts every verdict; logs the first refusal of each kind that is not routine (on the core's thread). */
    private void count(Handled h) {
        verdicts.computeIfAbsent(h.verdict(), k -> new java.util.concurrent.atomic.LongAdder())
                .increment();
        if (!ROUTINE.contains(h.verdict()) && logged.add(h.verdict())) {
            Logger.warn(
                    "consensus: {} refused a message: {} ({}); further ones are counted, not logged",
                    signer.id(),
                    h.verdict(),
                    h.detail());
        }
    }

    /** Mines the block for {@code height} on the miner thread; hands it to the core when found. */
    private void mine(long height) {
        MiningJob previous = job;
        if (previous != null) {
            previous.cancel();
        }
        MiningJob j = new MiningJob(height);
        job = j;
        InMemoryChainState base = requireAuditor().state();
        try {
            mining.execute(() -> {
                try {
                    long wait = lastCommitMillis + settings.blockSpacing().toMillis() - clock.millis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    if (j.isCancelled() || base.height() != height - 1) {
                        return;
                    }
                    List<LedgerTransaction> own = pending.candidates();
                    announce(own);
                    List<LedgerTransaction> all = new ArrayList<>(withEvidence(own));
                    all.addAll(peers.candidates(clock.millis()));
                    BlockAssembler.Candidate c = new BlockAssembler(validator)
                            .assemble(base, signer.id(), all, clock.millis(), settings.maxTransactions());
                    Miner.Result r = new Miner().mine(c.template(), j);
                    if (r.status() == Miner.Status.FOUND) {
                        byte[] block = c.sign(r.headerOrThrow(), minerKeys).encode();
                        onCore(() -> count(requireCore().onBlockMined(block)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    Logger.error(e, "consensus: {} could not mine height {}", signer.id(), height);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Passes this EAG's waiting transactions on to the other EAGs (those not passed on in the last
     * {@link #REANNOUNCE_MILLIS}), so that whichever EAG proposes the next block carries them.
     */
    private void announce(List<LedgerTransaction> own) {
        long now = clock.millis();
        List<byte[]> fresh = new ArrayList<>();
        for (LedgerTransaction t : own) {
            Long at = announced.get(t.id());
            if (at == null || now - at >= REANNOUNCE_MILLIS) {
                announced.put(t.id(), now);
                fresh.add(t.raw());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        for (byte[] frame : TransactionBatch.encode(fresh)) {
            publish(Topics.consortium(signer.id(), TRANSACTIONS), frame);
        }
    }

    /** Transactions of other EAGs waiting here for a block (for tests and the operator). */
    public int peerTransactionsWaiting() {
        return peers.size();
    }

    /** How many transactions other EAGs passed on were held ({@code ADDED}) or dropped, by verdict. */
    public long peerTransactions(String verdict) {
        return peers.count(PeerTransactions.Verdict.valueOf(verdict));
    }

    /** The evidence waiting to be recorded first (it is small and it is the consortium's business), then the rest. */
    private List<LedgerTransaction> withEvidence(List<LedgerTransaction> candidates) {
        if (evidenceToRecord.isEmpty()) {
            return candidates;
        }
        List<LedgerTransaction> all = new ArrayList<>(evidenceToRecord.values());
        all.addAll(candidates);
        return all;
    }

    /** Admits proven evidence as a transaction of kind {@code evidence}, once per what it proves. */
    private void record(Equivocation e, EvidenceCheck check) {
        String key = check.accused() + "/" + check.kind() + "/" + check.height() + "/" + check.round();
        if (evidenceToRecord.containsKey(key)) {
            return;
        }
        byte[] document = e.document();
        if (document.length > EVIDENCE_MAX_BYTES) {
            Logger.warn(
                    "consensus: evidence of {} is {} bytes, more than a ledger transaction carries; not recorded",
                    check.accused(),
                    document.length);
            return;
        }
        byte[] raw = LedgerTransaction.sign(
                signer.id(), Math.max(1, clock.millis()), clock.millis(), new TxBody.EvidenceTx(document), minerKeys);
        org.ebc.ledger.Outcome<org.ebc.ledger.TxReason, LedgerTransaction> v =
                LedgerTransaction.verify(raw, genesis::memberByKeyId);
        if (v.isOk()) {
            evidenceToRecord.put(key, v.orElseThrow());
        } else {
            Logger.error("consensus: {}'s own evidence transaction does not verify: {}", signer.id(), v.detail());
        }
    }

    /** Evidence admitted here and not yet in a committed block (for tests and the operator). */
    public int evidenceWaiting() {
        return evidenceToRecord.size();
    }

    private ChainAuditor requireAuditor() {
        ChainAuditor a = auditor;
        if (a == null) {
            throw new IllegalStateException("not started");
        }
        return a;
    }

    private void publish(String topic, byte[] message) {
        if (closed) {
            return;
        }
        try {
            mqtt.publish(topic, message, 1, false);
        } catch (MqttException e) {
            // Lost messages are the protocol's normal weather (timeouts, catch-up); say so once in a while.
            Logger.debug("consensus: {} could not publish on {}: {}", signer.id(), topic, e.getMessage());
        }
    }

    private final class Transport implements ConsensusTransport {
        @Override
        public void broadcast(MessageKind kind, byte[] message) {
            publish(Topics.consortium(signer.id(), kind.typ()), message);
        }

        @Override
        public void send(EagId to, MessageKind kind, byte[] message) {
            publish(Topics.consortium(signer.id(), "to/" + to.value() + "/" + kind.typ()), message);
        }
    }

    private final class CoreTimers implements Timers {
        @Override
        public void schedule(TimerKey key, Duration delay) {
            if (closed) {
                return;
            }
            try {
                // The future is not needed: a timer that fires after a restart of the height is ignored by the core.
                var unused = timers.schedule(
                        () -> onCore(() -> requireCore().onTimer(key)), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private final class Events implements ConsensusEvents {
        @Override
        public void heightStarted(long height, BlockHash parent) {
            mine(height);
        }

        @Override
        public void miningNotNeeded(long height) {
            MiningJob j = job;
            if (j != null) {
                j.proposalArrived(height);
            }
        }

        @Override
        public void committed(CertifiedBlock block, BlockFacts facts) {
            requireAuditor().committed(block.block(), block.hash());
            lastCommitMillis = clock.millis();
            Block b = ChainAuditor.decode(block.block());
            java.util.Set<Sha256Hash> ids = new java.util.HashSet<>();
            for (byte[] t : b.transactions()) {
                ids.add(Sha256Hash.of(t));
            }
            if (!evidenceToRecord.isEmpty()) {
                evidenceToRecord.values().removeIf(t -> ids.contains(t.id()));
            }
            peers.committed(ids);
            announced.keySet().removeAll(ids);
            Logger.info(
                    "consensus: {} committed block {} {} ({} transactions, round {}, miner {})",
                    signer.id(),
                    block.height(),
                    block.hash().shortHex(),
                    b.transactions().size(),
                    block.certificate().round(),
                    facts.miner());
            listener.committed(b, block);
        }

        @Override
        public void equivocation(Equivocation e, EvidenceCheck check) {
            evidence.add(check);
            record(e, check);
            Logger.warn("consensus: {} holds proof of equivocation: {}", signer.id(), check.detail());
        }

        @Override
        public void roundStarted(long height, int round) {
            if (round > 0) {
                Logger.info("consensus: {} height {} round {}", signer.id(), height, round);
            }
        }
    }

    private final class Inbound implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                try {
                    mqtt.subscribe(subscription, 1);
                    RegistrationFeed feed = registrations;
                    if (feed != null) {
                        // The broker may have restarted without its retained messages.
                        feed.current().ifPresent(r -> publishRegistrations(r.raw()));
                    }
                } catch (MqttException e) {
                    Logger.warn(
                            "consensus: {} could not subscribe again after a reconnect: {}",
                            signer.id(),
                            e.getMessage());
                }
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            Logger.warn("consensus: {} lost the broker ({}); reconnecting", signer.id(), cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (!forMe(topic)) {
                return;
            }
            if (topic.endsWith("/" + TRANSACTIONS)) {
                String from = topic.substring(Topics.ROOT.length() + "/consortium/".length(), topic.lastIndexOf('/'));
                byte[] frame = message.getPayload();
                try {
                    gossip.execute(() -> takeTransactions(frame, from));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closing
                }
                return;
            }
            if (topic.endsWith("/" + REGISTRATIONS)) {
                RegistrationFeed feed = registrations;
                if (feed != null) {
                    String from =
                            topic.substring(Topics.ROOT.length() + "/consortium/".length(), topic.lastIndexOf('/'));
                    try {
                        feed.offer(message.getPayload(), "EAG " + from);
                    } catch (RuntimeException e) {
                        Logger.error(e, "consensus: {} could not take the registrations from {}", signer.id(), from);
                    }
                }
                return;
            }
            byte[] raw = message.getPayload();
            onCore(() -> count(requireCore().onMessage(raw)));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }

    /** Verifies and holds the transactions of one gossip frame (on the gossip thread, not Paho's). */
    private void takeTransactions(byte[] frame, String from) {
        if (!EagId.isValid(from) || genesis.member(EagId.of(from)).isEmpty()) {
            return;
        }
        Optional<List<byte[]>> raws = TransactionBatch.decode(frame);
        if (raws.isEmpty()) {
            if (malformedFrameLogged.compareAndSet(false, true)) {
                Logger.warn(
                        "consensus: {} got a transactions frame from {} that is not one; further ones are dropped"
                                + " silently",
                        signer.id(),
                        from);
            }
            return;
        }
        EagId sender = EagId.of(from);
        long now = clock.millis();
        for (byte[] raw : raws.get()) {
            PeerTransactions.Verdict v = peers.offer(raw, sender, now);
            if ((v == PeerTransactions.Verdict.REFUSED || v == PeerTransactions.Verdict.NOT_FROM_SENDER)
                    && refusedTxLogged.compareAndSet(false, true)) {
                Logger.warn(
                        "consensus: {} dropped a transaction {} passed on: {}; further ones are counted, not logged",
                        signer.id(),
                        from,
                        v);
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean malformedFrameLogged =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean refusedTxLogged =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Broadcasts of other EAGs and messages addressed to this one; not its own (the core would refuse them). */
    private boolean forMe(String topic) {
        String prefix = Topics.ROOT + "/consortium/";
        if (!topic.startsWith(prefix)) {
            return false;
        }
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        if (parts.length == 2) {
            return !parts[0].equals(signer.id().value());
        }
        return parts.length == 4
                && parts[1].equals("to")
                && parts[2].equals(signer.id().value());
    }
}
