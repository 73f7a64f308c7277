package org.ebc.agent.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.ebc.agent.config.AgentConfig;
import org.ebc.agent.config.NodeIdentity;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.AgentEvent;
import org.ebc.agent.store.Counter;
import org.ebc.agent.store.EventJournal;
import org.ebc.agent.store.LinkStore;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.store.StoreException;
import org.ebc.wire.Ack;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * Delivers the outbox to the gateway over MQTT (Eclipse Paho): QoS 1, persistent session (clean session
 * off, client id = node id), TCP_NODELAY, and a window of up to {@code outbox.window} records published
 * but not yet acknowledged. A record leaves the outbox only on the gateway's signed acknowledgement
 * (verified by {@link GatewayTrust}); one not acknowledged within {@code outbox.ack-timeout} is published
 * again, the timeout doubling per attempt up to 16×, because the gateway is idempotent on (meter, page).
 * After a lost connection everything unacknowledged is published again from the lowest page.
 *
 * <p>Paho keeps its session state in memory ({@link MemoryPersistence}): the outbox is the durable copy, and
 * Paho's file persistence cuts QoS 1 throughput ~20× while adding nothing. Each connection gets a fresh
 * client, so Paho never re-sends on its own what the outbox re-sends anyway. Paho's automatic reconnect
 * is off; reconnecting uses {@link Backoff}.
 *
 * <p>Threading: every method runs on the agent thread ({@code agentThread}); Paho's callbacks only hand
 * work over to it. Timestamps written to the file come from the injected clock; ack timeouts use the
 * monotonic {@link System#nanoTime()}, which is about the network, not about the meter's time.
 */
public final class Courier {
    private static final int HELD_ACKS = 64;
    private static final int MAX_BACKOFF_DOUBLINGS = 4;

    private final AgentConfig config;
    private final NodeIdentity identity;
    private final Outbox outbox;
    private final GatewayTrust trust;
    private final AgentDatabase db;
    private final ScheduledExecutorService agentThread;
    private final Clock clock;
    private final Backoff backoff;
    private final Supplier<byte[]> statusMessage;
    private final String readingTopic;
    private final String ackTopic;
    private final String eagCertificateTopic;
    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private final ArrayDeque<byte[]> heldAcks = new ArrayDeque<>();
    private MqttAsyncClient client;
    private BrokerState state = BrokerState.STARTING;
    /** The state last written to the file (connection attempts are not written, only their outcome). */
    private BrokerState persistedState = BrokerState.STARTING;
    private long cursor;
    private long republished;
    private long lastAckedPage;
    private boolean stopped;

    private static final class InFlight {
        final byte[] record;
        long sentNanos;
        int attempts;

        InFlight(byte[] record, long sentNanos) {
            this.record = record;
            this.sentNanos = sentNanos;
            this.attempts = 1;
        }
    }

    public Courier(AgentConfig config, NodeIdentity identity, Outbox outbox, AgentDatabase db, ScheduledExecutorService agentThread, Clock clock,
            RandomGenerator random, Supplier<byte[]> statusMessage) {
        this.config = config;
        this.identity = identity;
        this.outbox = outbox;
        this.db = db;
        this.agentThread = agentThread;
        this.clock = clock;
        this.statusMessage = statusMessage;
        this.trust = new GatewayTrust(config.eag(), config.node(), identity.authority());
        this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax(), random);
        this.readingTopic = Topics.reading(config.eag(), config.node());
        this.ackTopic = Topics.ack(config.eag(), config.node());
        this.eagCertificateTopic = Topics.eagCertificate(config.eag());
    }

    public BrokerState state() {
        return state;
    }

    public int inFlight() {
        return inFlight.size();
    }

    public long republished() {
        return republished;
    }

    public long lastAckedPage() {
        return lastAckedPage;
    }

    public boolean hasEagCertificate() {
        return trust.hasCertificate();
    }

    /** Restores the last accepted EAG certificate (re-validated now), then connects. On the agent thread. */
    public void start() {
        db.read(LinkStore::load).ifPresent(link -> {
            lastAckedPage = link.lastAckedPage();
            link.eagCertificate().ifPresent(pem -> {
                GatewayTrust.Offer o = trust.offer(pem.getBytes(StandardCharsets.US_ASCII), clock.instant());
                if (!o.accepted()) {
                    Logger.info("node={} stored EAG certificate no longer accepted: {}", config.node(), o.reason());
                }
            });
        });
        long tick = Math.max(50, Math.min(1000, config.ackTimeout().toMillis() / 2));
        agentThread.scheduleWithFixedDelay(this::republishOverdue, tick, tick, TimeUnit.MILLISECONDS);
        agentThread.scheduleWithFixedDelay(this::publishStatus, config.statusInterval().toMillis(), config.statusInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        connect();
    }

    /** New records are in the outbox: fill the window. On the agent thread. */
    public void recordsAvailable() {
        fill();
    }

    /** Disconnects and stops reconnecting. On the agent thread. */
    public void stop() {
        stopped = true;
        closeClient(true);
        setState(BrokerState.STOPPED);
    }

    // ------------------------------------------------------------------ connection

    private void connect() {
        if (stopped) {
            return;
        }
        closeClient(false);
        state = BrokerState.CONNECTING;
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(config.brokerUrl(), config.node().value(), new MemoryPersistence());
        } catch (MqttException e) {
            Logger.error("node={} cannot create MQTT client for {}: {}", config.node(), config.brokerUrl(), e.getMessage());
            retryLater(e);
            return;
        }
        client = c;
        c.setCallback(new Callbacks(c));
        try {
            c.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onAgentThread(() -> connected(c));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    onAgentThread(() -> lost(c, e));
                }
            });
        } catch (MqttException e) {
            lost(c, e);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setKeepAliveInterval(Math.toIntExact(config.keepAlive().toSeconds()));
        o.setConnectionTimeout(Math.toIntExact(Math.max(1, config.connectTimeout().toSeconds())));
        // Paho's own limit counts until PUBACK, ours until the gateway's acknowledgement: leave room for the
        // certificate and status messages on top of a full window.
        o.setMaxInflight(config.window() + 10);
        if (config.tls()) {
            o.setSocketFactory(NoDelaySockets.tls(identity));
            o.setHttpsHostnameVerificationEnabled(config.verifyBrokerHostname());
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        return o;
    }

    private void connected(MqttAsyncClient c) {
        if (c != client || stopped) {
            return;
        }
        backoff.reset();
        setState(BrokerState.CONNECTED);
        Logger.info("node={} connected to {}", config.node(), config.brokerUrl());
        try {
            c.subscribe(new String[] {ackTopic, eagCertificateTopic}, new int[] {1, 1});
            c.publish(Topics.meter(config.eag(), config.node(), Topics.MeterMessage.CERTIFICATE),
                    identity.chainPem().getBytes(StandardCharsets.US_ASCII), 1, true);
        } catch (MqttException e) {
            lost(c, e);
            return;
        }
        inFlight.clear();
        cursor = outbox.firstPage(); // 0 when empty: the next records are all new
        fill();
        publishStatus();
    }

    private void lost(MqttAsyncClient c, Throwable cause) {
        if (c != client || stopped) {
            return;
        }
        if (state == BrokerState.CONNECTED) {
            Logger.warn("node={} connection to {} lost: {}; {} records unacknowledged", config.node(), config.brokerUrl(), describe(cause),
                    outbox.depth());
        }
        setState(BrokerState.DISCONNECTED);
        inFlight.clear();
        closeClient(false);
        retryLater(cause);
    }

    private void retryLater(Throwable cause) {
        Duration delay = backoff.next();
        Logger.debug("node={} broker {} unreachable ({}); next attempt in {} ms", config.node(), config.brokerUrl(), describe(cause), delay.toMillis());
        try {
            agentThread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the agent is shutting down
        }
    }

    private void closeClient(boolean quiesce) {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(quiesce ? 500 : 0).waitForCompletion(quiesce ? 2000 : 500);
            }
        } catch (MqttException e) {
            Logger.debug("node={} disconnect: {}", config.node(), e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            Logger.debug("node={} close: {}", config.node(), e.getMessage());
        }
    }

    private void setState(BrokerState s) {
        state = s;
        if (s == persistedState) {
            return;
        }
        persistedState = s;
        try {
            LinkStore.brokerState(db, s.label(), clock.instant());
        } catch (StoreException e) {
            Logger.error("node={} cannot record broker state: {}", config.node(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ publishing

    private void fill() {
        if (state != BrokerState.CONNECTED || client == null) {
            return;
        }
        while (inFlight.size() < config.window()) {
            List<Outbox.Entry> batch = outbox.from(cursor, config.window() - inFlight.size());
            if (batch.isEmpty()) {
                break;
            }
            for (Outbox.Entry e : batch) {
                if (!publish(e.record())) {
                    return;
                }
                inFlight.put(e.page(), new InFlight(e.record(), System.nanoTime()));
                cursor = e.page() + 1;
            }
        }
    }

    private boolean publish(byte[] record) {
        try {
            client.publish(readingTopic, record, 1, false);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                Logger.debug("node={} publish failed: {}", config.node(), e.getMessage());
            }
            return false; // the connection-lost callback or the next overdue check takes it from here
        }
    }

    private void republishOverdue() {
        if (state != BrokerState.CONNECTED || inFlight.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long base = config.ackTimeout().toNanos();
        for (Map.Entry<Long, InFlight> e : inFlight.entrySet()) {
            InFlight f = e.getValue();
            long timeout = base << Math.min(f.attempts - 1, MAX_BACKOFF_DOUBLINGS);
            if (now - f.sentNanos >= timeout) {
                if (!publish(f.record)) {
                    break;
                }
                f.sentNanos = now;
                f.attempts++;
                republished++;
                Logger.debug("node={} page {} not acknowledged after {} ms; published again (attempt {})", config.node(), e.getKey(),
                        timeout / 1_000_000, f.attempts);
            }
        }
        fill();
    }

    private void publishStatus() {
        if (state != BrokerState.CONNECTED || client == null) {
            return;
        }
        try {
            client.publish(Topics.meter(config.eag(), config.node(), Topics.MeterMessage.STATUS), statusMessage.get(), 0, true);
        } catch (MqttException e) {
            Logger.debug("node={} status not published: {}", config.node(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ receiving

    private void received(String topic, byte[] payload) {
        if (stopped) {
            return;
        }
        if (topic.equals(eagCertificateTopic)) {
            certificateReceived(payload);
        } else if (topic.equals(ackTopic)) {
            ackReceived(payload);
        }
    }

    private void certificateReceived(byte[] payload) {
        GatewayTrust.Offer o = trust.offer(payload, clock.instant());
        if (!o.accepted()) {
            Logger.warn("node={} event=EAG_CERTIFICATE_REFUSED {}", config.node(), o.reason());
            journal(AgentEvent.EAG_CERTIFICATE_REFUSED, o.reason());
            return;
        }
        Logger.info("node={} EAG certificate of {} accepted", config.node(), config.eag());
        LinkStore.eagCertificate(db, o.pem());
        while (!heldAcks.isEmpty()) {
            ackReceived(heldAcks.poll());
        }
    }

    private void ackReceived(byte[] payload) {
        if (!trust.hasCertificate()) {
            // Acks queued in the session can arrive before the retained certificate; the record stays in the
            // outbox either way, so dropping the oldest held ack only costs a re-publish.
            if (heldAcks.size() == HELD_ACKS) {
                heldAcks.poll();
            }
            heldAcks.add(payload);
            return;
        }
        GatewayTrust.Verdict v = trust.verify(payload, clock.instant());
        if (!v.isAccepted()) {
            Logger.warn("node={} acknowledgement refused: {}", config.node(), v.refusal());
            try {
                db.inTransaction(c -> {
                    EventJournal.add(c, Counter.ACKS_REFUSED, 1);
                    return null;
                });
            } catch (StoreException e) {
                Logger.error("node={} cannot count refused ack: {}", config.node(), e.getMessage());
            }
            return;
        }
        Ack ack = v.ack();
        Outbox.AckEffect effect;
        try {
            effect = outbox.apply(ack, clock.instant());
        } catch (StoreException e) {
            Logger.error("node={} acknowledgement {} not applied (records stay in the outbox): {}", config.node(), ack.seq(), e.getMessage());
            return;
        }
        for (Ack.PageRange r : ack.committed()) {
            inFlight.subMap(r.first(), true, r.last(), true).clear();
        }
        for (Ack.Rejection r : ack.rejected()) {
            inFlight.remove(r.page());
        }
        for (Long page : effect.quarantined()) {
            Ack.Rejection r = ack.rejected().stream().filter(x -> x.page() == page).findFirst().orElseThrow();
            Logger.warn("node={} event=RECORD_QUARANTINED page={} reason={} detail={}", config.node(), page, r.reason(), r.detail());
        }
        lastAckedPage = Math.max(lastAckedPage, effect.highestCommitted());
        Logger.debug("node={} ack seq={} committed={} quarantined={} outbox={}", config.node(), ack.seq(), effect.committed(),
                effect.quarantined().size(), outbox.depth());
        fill();
    }

    private void journal(AgentEvent kind, String detail) {
        try {
            db.inTransaction(c -> {
                EventJournal.record(c, clock.instant(), kind, detail);
                return null;
            });
        } catch (StoreException e) {
            Logger.error("node={} cannot record event {}: {}", config.node(), kind, e.getMessage());
        }
    }

    private void onAgentThread(Runnable r) {
        try {
            agentThread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    Logger.error(e, "node={} delivery task failed", config.node());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the agent is shutting down; the outbox keeps whatever this would have changed
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "no cause";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " / " + root;
    }

    /** Paho's callbacks for one client: hand everything to the agent thread. */
    private final class Callbacks implements MqttCallback {
        private final MqttAsyncClient owner;

        Callbacks(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            onAgentThread(() -> lost(owner, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            onAgentThread(() -> {
                if (owner == client) {
                    received(topic, payload);
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // A PUBACK only says the broker has it; the record stays until the gateway acknowledges.
        }
    }
}
