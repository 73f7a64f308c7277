package org.ebc.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.Pem;
import org.ebc.gateway.account.AuthorityImport;
import org.ebc.gateway.account.CertificateAdmission;
import org.ebc.gateway.account.NodeCredentials;
import org.ebc.gateway.account.RevocationWatch;
import org.ebc.gateway.account.Revocations;
import org.ebc.gateway.account.SqliteAccountPool;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.ebc.gateway.broker.EmbeddedBroker;
import org.ebc.gateway.broker.MqttClientOptions;
import org.ebc.gateway.ingress.AckPublisher;
import org.ebc.gateway.ingress.CertificateIntake;
import org.ebc.gateway.ingress.MqttIngress;
import org.ebc.gateway.ingress.RejectionLogger;
import org.ebc.gateway.ingress.VerifyLanes;
import org.ebc.gateway.ledger.GatewayLedger;
import org.ebc.gateway.storage.CommitReport;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.GroupCommitWriter;
import org.ebc.gateway.storage.StatusReport;
import org.ebc.gateway.storage.StorageException;
import org.ebc.gateway.trading.EagSigner;
import org.ebc.gateway.trading.HostedCredit;
import org.ebc.gateway.trading.PaymentDesk;
import org.ebc.gateway.trading.TransactionServer;
import org.ebc.gateway.verify.ReadingVerifier;
import org.ebc.gateway.verify.Rejection;
import org.ebc.gateway.verify.TradeVerifier;
import org.ebc.gateway.verify.Verdict;
import org.ebc.gateway.verify.VerifyPolicy;
import org.ebc.ledger.Genesis;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * A running EAG gateway, wired along the data flow: MQTT ({@link MqttIngress}) → verify
 * ({@link VerifyLanes}, {@link ReadingVerifier}) → storage ({@link GroupCommitWriter}, one fsync'd SQLite
 * transaction per group) → signed acknowledgements ({@link AckPublisher}). Started in-process with
 * {@link #start}, from {@code eag-gateway run} or from a test or the bench; {@link #close} stops it,
 * storing and acknowledging everything it has already taken from the broker.
 *
 * <p>Thread-safe: {@link #stats()} may be called from any thread while it runs.
 */
public final class Gateway implements AutoCloseable {
    private final GatewayConfig config;
    private final EagIdentity identity;
    private final Deque<AutoCloseable> resources;
    private final MqttIngress ingress;
    private final VerifyLanes lanes;
    private final GroupCommitWriter writer;
    private final TransactionServer trading;
    private final PaymentDesk payments;
    private final AckPublisher acks;
    private final GatewayCounters counters;
    private final NodeCredentials credentials;
    private final Revocations revocations;
    private final RejectionLogger rejectionLogger;
    private final String brokerUri;
    private final @Nullable GatewayLedger ledger;
    private final @Nullable HostedCredit credit;
    private boolean closed;

    private Gateway(Wiring w) {
        this.config = w.config;
        this.identity = w.identity;
        this.resources = w.resources;
        this.ingress = w.ingress;
        this.lanes = w.lanes;
        this.writer = w.writer;
        this.trading = w.trading;
        this.payments = w.payments;
        this.acks = w.acks;
        this.counters = w.counters;
        this.credentials = w.credentials;
        this.revocations = w.trust.revocations();
        this.rejectionLogger = w.rejectionLogger;
        this.brokerUri = w.brokerUri;
        this.ledger = w.ledger;
        this.credit = w.credit;
    }

    /**
     * Starts the gateway: locks the data directory, checks keys and trust, migrates the database, starts
     * the embedded broker if configured, and starts connecting to the broker (in the background, with
     * backoff: a broker that is down does not stop the start; see {@link #awaitReady}).
     *
     * @throws org.ebc.config.ConfigException for configuration, key and trust problems, naming the key
     * @throws StorageException if the database cannot be opened or migrated
     */
    public static Gateway start(GatewayConfig config) {
        Wiring w = new Wiring(config);
        try {
            w.build();
            Gateway g = new Gateway(w);
            Logger.info(
                    "gateway {} started: database {}, broker {}, {} node(s) known, {} verify thread(s)",
                    config.eag(),
                    GatewayDatabase.file(config.dataDir()),
                    w.brokerUri,
                    w.credentials.size(),
                    config.verifyThreads());
            return g;
        } catch (RuntimeException e) {
            closeAll(w.resources);
            throw e;
        }
    }

    /** Waits until connected to the broker and subscribed. @return false on timeout */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ingress.awaitReady(timeout);
    }

    public EagId eag() {
        return config.eag();
    }

    public EagIdentity identity() {
        return identity;
    }

    /** The broker URI meters connect to (the embedded broker's when it runs one). */
    public String brokerUri() {
        return brokerUri;
    }

    public Path database() {
        return GatewayDatabase.file(config.dataDir());
    }

    public GatewayStats stats() {
        return counters.snapshot(
                ingress.isSubscribed(),
                acks.sent(),
                acks.dropped(),
                credentials.size(),
                revocations.current().size(),
                lanes.queued(),
                writer.queued());
    }

    /** The market's and payments' counters and the last cleared slots. */
    public TransactionServer.Snapshot trading() {
        return trading.snapshot();
    }

    /** How the bills of a slot stand (read from the payment store; safe from any thread). */
    public PaymentDesk.SlotBills bills(java.time.Instant slot) {
        return payments.slot(slot);
    }

    /** Committed blocks' mints handed to the payment core and not applied yet (it applies them at its next tick). */
    public long coinbaseCreditsPending() {
        return payments.creditsPending();
    }

    /** The gateway's seat in its consortium, when {@code ledger.genesis} is configured. */
    public Optional<GatewayLedger> ledger() {
        return Optional.ofNullable(ledger);
    }

    /** The credit bank, when {@code bank.enabled} (its queries read the bank's book, safe from any thread). */
    public Optional<HostedCredit> credit() {
        return Optional.ofNullable(credit);
    }

    /** The payment core, for queries: balances, bills, totals (its queries are safe from any thread). */
    public org.ebc.gateway.payment.Payments payments() {
        return payments.payments();
    }

    /**
     * Stops: no new message is taken from the broker (held ones stay queued there for the next start),
     * everything already taken is verified, committed and acknowledged, then the connection, the
     * embedded broker and the database are closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ingress.pause();
        closeAll(resources);
        rejectionLogger.flush();
        GatewayStats s = stats();
        Logger.info(
                "gateway {} stopped: {} reading(s) stored, {} re-deliveries, {} rejected, {} acknowledgement(s) sent since start",
                config.eag(),
                s.readingsStored(),
                s.redeliveries(),
                s.rejectedTotal(),
                s.acksSent());
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                Logger.warn("while stopping the gateway: {}: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** Builds the parts in data-flow order, remembering each for closing in reverse. */
    private static final class Wiring {
        final GatewayConfig config;
        final Deque<AutoCloseable> resources = new ArrayDeque<>();
        EagIdentity identity;
        GatewayTrust trust;
        NodeCredentials credentials;
        GatewayCounters counters;
        RejectionLogger rejectionLogger;
        GroupCommitWriter writer;
        AckPublisher acks;
        VerifyLanes lanes;
        TransactionServer trading;
        PaymentDesk payments;
        MqttIngress ingress;
        String brokerUri;

        @Nullable
        Genesis genesis;

        @Nullable
        GatewayLedger ledger;

        @Nullable
        HostedCredit credit;

        Wiring(GatewayConfig config) {
            this.config = config;
        }

        void build() {
            resources.push(DataDirectoryLock.acquire(config.dataDir()));
            trust = GatewayTrust.load(config);
            identity = EagIdentity.load(
                    config.keysDir(),
                    config.eag(),
                    trust.validator(),
                    config.clock().instant());
            // Checked before anything starts: a genesis of another consortium or authority is a configuration error.
            genesis = config.ledgerGenesis()
                    .map(f -> GatewayLedger.readGenesis(f, trust.root(), identity))
                    .orElse(null);
            Path db = GatewayDatabase.file(config.dataDir());
            SqliteAccountPool pool;
            Connection writerConnection;
            try {
                writerConnection = GatewayDatabase.openMigrated(db);
                resources.push(writerConnection);
                pool = new SqliteAccountPool(GatewayDatabase.openWriter(db), config.clock());
                resources.push(pool);
                counters = new GatewayCounters(config.clock(), StatusReport.lastPages(writerConnection));
            } catch (SQLException e) {
                throw new StorageException("cannot open the gateway database " + db, e);
            }
            credentials = new NodeCredentials(trust.revocations());
            credentials.loadFrom(pool);
            CertificateAdmission admission =
                    new CertificateAdmission(trust.validator(), pool, credentials, config.clock());

            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ebc-gateway-timer");
                t.setDaemon(true);
                return t;
            });
            resources.push(timer::shutdownNow);
            Runnable trustCheck = trustCheck(config, trust, admission, pool);
            trustCheck.run();
            long every = config.trustCheckInterval().toMillis();
            var unused = timer.scheduleWithFixedDelay(trustCheck, every, every, TimeUnit.MILLISECONDS);

            rejectionLogger = new RejectionLogger(config.clock());
            acks = new AckPublisher(
                    config.eag(),
                    identity.key(),
                    identity.keyId(),
                    config.clock(),
                    (topic, payload, wait) -> ingress != null && ingress.publish(topic, payload, wait),
                    100_000);
            try {
                writer = new GroupCommitWriter(
                        writerConnection,
                        config.clock(),
                        new GroupCommitWriter.Settings(
                                config.commitWindow(),
                                config.commitMaxRecords(),
                                config.storageQueueCapacity(),
                                config.rejectionLogRows()),
                        config.ratedPowers(),
                        new Listener(this));
            } catch (SQLException e) {
                throw new StorageException("cannot prepare the reading writer", e);
            }
            WalletAddress grid = WalletAddress.of(identity.certificate().getPublicKey());
            EagSigner signer = new EagSigner(
                    config.eag(),
                    identity.certificate().getPublicKey(),
                    identity.key(),
                    identity.keyId(),
                    config.clock());
            payments = PaymentDesk.open(db, config, pool, signer);
            resources.push(payments);
            try {
                trading = new TransactionServer(
                        GatewayDatabase.openWriter(db),
                        config.market(),
                        pool,
                        signer,
                        grid,
                        config.ratedPowers(),
                        payments,
                        (topic, payload, retain, wait) ->
                                ingress != null && ingress.publish(topic, payload, retain, wait),
                        rejectionLogger);
            } catch (SQLException e) {
                throw new StorageException("cannot open the transaction server's connection to " + db, e);
            }
            ReadingVerifier verifier = new ReadingVerifier(
                    new VerifyPolicy(config.eag(), config.maxRecordBytes(), config.maxClockAhead()), credentials);
            lanes = new VerifyLanes(
                    config.verifyThreads(),
                    config.verifyQueueCapacity(),
                    config.maxRecordBytes(),
                    verifier,
                    new CertificateIntake(config.eag(), admission),
                    writer::submit,
                    new VerifyLanes.TradeRoute(new TradeVerifier(config.eag(), credentials), trading::submit));

            brokerUri = switch (config.broker().endpoint()) {
                case BrokerEndpoint.Embedded embedded -> {
                    // The TLS listener (if configured) serves the EAG's own certificate and checks meters'
                    // certificates against the same trust and revocation list as their readings.
                    EmbeddedBroker broker = EmbeddedBroker.start(
                            embedded,
                            Optional.of(new EmbeddedBroker.TlsIdentity(
                                    identity.key(),
                                    List.of(identity.certificate()),
                                    trust.validator(),
                                    config.clock())));
                    resources.push(broker);
                    yield broker.serverUri();
                }
                case BrokerEndpoint.External external -> external.serverUri();
            };
            try {
                ingress = new MqttIngress(
                        brokerUri,
                        config.clientId(),
                        MqttClientOptions.connectOptions(config.broker()),
                        List.of(
                                Topics.allMeters(config.eag(), Topics.MeterMessage.CERTIFICATE),
                                Topics.allMeters(config.eag(), Topics.MeterMessage.READING),
                                Topics.allMeters(config.eag(), Topics.MeterMessage.ORDER),
                                Topics.allMeters(config.eag(), Topics.MeterMessage.PAYMENT)),
                        List.of(
                                new MqttIngress.Retained(
                                        Topics.eagCertificate(config.eag()),
                                        Pem.encode(identity.certificate()).getBytes(StandardCharsets.US_ASCII)),
                                new MqttIngress.Retained(trading.marketInfoTopic(), trading.marketInfo())),
                        lanes,
                        config.clock(),
                        timer,
                        config.reconnectMin(),
                        config.reconnectMax());
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                throw new org.ebc.config.ConfigException(
                        "broker.url", brokerUri, "not usable by the MQTT client: " + e.getMessage());
            }
            // Closed in reverse order of pushing: the lanes drain into the writer and the transaction server,
            // both commit, the last acknowledgements and receipts go out, and only then does MQTT close.
            resources.push(ingress);
            resources.push(acks.start());
            resources.push(trading.start());
            resources.push(writer.start());
            resources.push(lanes.start());
            ingress.start();
            if (genesis != null) {
                try {
                    ledger = GatewayLedger.start(
                            genesis,
                            config.ledgerGenesis().orElseThrow(),
                            identity,
                            db,
                            payments.payments().memoryPool(),
                            payments::credit,
                            brokerUri,
                            MqttClientOptions.connectOptions(config.broker()),
                            config.clock(),
                            Duration.ofMillis(genesis.difficulty().intervalMillis()),
                            trust.root(),
                            config.authorityDir());
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    throw new org.ebc.config.ConfigException(
                            "broker.url", brokerUri, "the consortium seat cannot connect: " + e.getMessage());
                }
                // Pushed last, closed first: mining and consensus stop before the payments and the broker.
                resources.push(ledger);
            }
            if (config.bank().enabled()) {
                startBank(db, pool);
            }
        }

        /**
         * The credit bank (docs/credit-bank.md): its book on a connection of its own, its coins the payment core's
         * (lent from the EAG's account), its calls on the transaction server's thread, its messages on the broker.
         */
        private void startBank(Path db, SqliteAccountPool pool) {
            org.ebc.gateway.storage.SqliteCreditBook book;
            try {
                book = new org.ebc.gateway.storage.SqliteCreditBook(
                        GatewayDatabase.openWriter(db), config.bank().capital());
            } catch (SQLException e) {
                throw new StorageException("cannot open the credit bank's connection to " + db, e);
            }
            resources.push(book);
            java.security.KeyPair keys =
                    new java.security.KeyPair(identity.certificate().getPublicKey(), identity.key());
            HostedCredit bank = new HostedCredit(
                    config.eag(),
                    keys,
                    config.bank().credit(),
                    book,
                    trading,
                    payments,
                    pool,
                    config.bank().incomeWindow(),
                    config.clock());
            org.ebc.consensus.Consortium consortium = genesis != null
                    ? org.ebc.consensus.Consortium.of(genesis)
                    : new org.ebc.consensus.Consortium(
                            new org.ebc.consensus.GenesisHash("0".repeat(64)),
                            List.of(new org.ebc.consensus.Member(config.eag(), keys.getPublic(), identity.keyId())),
                            org.ebc.consensus.QuorumRule.ALL);
            credit = bank;
            bank.reconcile();
            org.ebc.gateway.trading.CreditDesk.Members members = new org.ebc.gateway.trading.CreditDesk.Members() {
                @Override
                public Optional<java.security.PublicKey> key(org.ebc.units.NodeId node) {
                    org.ebc.gateway.verify.NodeStanding st =
                            credentials.standing(node, config.clock().instant());
                    return st.isTrusted()
                            ? Optional.of(java.util.Objects.requireNonNull(st.credential())
                                    .key())
                            : Optional.empty();
                }

                @Override
                public org.ebc.gateway.credit.BorrowerStanding standing(org.ebc.units.NodeId node) {
                    return bank.standing(node);
                }
            };
            try {
                org.ebc.gateway.trading.CreditDesk desk = new org.ebc.gateway.trading.CreditDesk(
                        config.eag(),
                        keys,
                        bank,
                        members,
                        consortium,
                        brokerUri,
                        config.clock(),
                        config.bank().sweep());
                resources.push(desk);
                desk.start(MqttClientOptions.connectOptions(config.broker()));
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                throw new org.ebc.config.ConfigException(
                        "broker.url", brokerUri, "the credit bank cannot connect: " + e.getMessage());
            }
            Logger.info(
                    "credit bank open: lends up to {} from the EAG's account {} (tokens pay for {}, buffer {})",
                    config.bank().capital(),
                    payments.gridAddress(),
                    config.bank().credit().validity(),
                    config.bank().credit().buffer());
        }

        private static Runnable trustCheck(
                GatewayConfig config, GatewayTrust trust, CertificateAdmission admission, SqliteAccountPool pool) {
            Optional<AuthorityImport> authority = config.authorityDir()
                    .map(dir -> new AuthorityImport(
                            dir, trust.revocations(), admission, pool, config.clock(), config.eag()));
            Optional<RevocationWatch> crl = authority.isPresent()
                    ? Optional.empty()
                    : trust.crlFile().map(f -> new RevocationWatch(f, trust.root(), trust.revocations()));
            return () -> {
                try {
                    authority.ifPresent(AuthorityImport::check);
                    crl.ifPresent(RevocationWatch::check);
                } catch (RuntimeException e) {
                    Logger.error(e, "checking the authority's revocation list failed");
                }
            };
        }
    }

    /** Turns each commit into counters, log lines and acknowledgements; runs on the writer thread. */
    private record Listener(Wiring w) implements GroupCommitWriter.Listener {
        @Override
        public void committed(CommitReport r) {
            w.counters.add(r);
            w.acks.enqueue(r.outcomes());
            for (Rejection rejection : r.rejections()) {
                w.rejectionLogger.log(rejection);
            }
            for (CommitReport.DoubleSignedPage d : r.doubleSigned()) {
                Logger.error(
                        "node {} FLAGGED: meter {} signed page T{} twice with different content (stored {}, second {});"
                                + " both records kept as evidence; its orders are refused until an operator clears the flag",
                        d.node(),
                        d.meter(),
                        d.page(),
                        d.storedDigest(),
                        d.secondDigest());
            }
            for (CommitReport.GapEvent g : r.gapsOpened()) {
                w.acks.requestResend(g.node(), List.of(g.missing()));
                Logger.warn(
                        "gap: meter {} (node {}) skipped pages T{}..T{} ({} missing); stored the page after it, asked for the missing ones",
                        g.meter(),
                        g.node(),
                        g.missing().first(),
                        g.missing().last(),
                        g.missing().last() - g.missing().first() + 1);
            }
            if (r.filled() > 0) {
                Logger.info(
                        "{} missing page(s) arrived late and were stored; {} gap event(s) now complete",
                        r.filled(),
                        r.gapsClosed());
            }
        }

        @Override
        public void failed(List<Verdict> messages, String error) {
            w.counters.storageFailed(messages.size());
        }
    }
}
