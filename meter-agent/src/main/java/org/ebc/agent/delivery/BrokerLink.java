package org.ebc.agent.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.ebc.agent.config.AgentConfig;
import org.ebc.agent.config.NodeIdentity;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.LinkStore;
import org.ebc.agent.store.StoreException;
import org.ebc.wire.NoDelaySockets;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * The agent's MQTT connection (Eclipse Paho {@link MqttAsyncClient}): MQTT 3.1.1, clean session off and
 * client id = node id (a persistent session), TCP_NODELAY, TLS with the node's certificate for
 * {@code ssl://}, and reconnection with {@link Backoff} (Paho's automatic reconnect is off, so that the
 * courier learns of every outage and re-sends from its outbox).
 *
 * <p>Paho keeps its session state in memory ({@link MemoryPersistence}): the outbox is the durable copy, and
 * Paho's file persistence cuts QoS 1 throughput ~20× while adding nothing. Each connection gets a fresh
 * client, so Paho never re-sends on its own what the courier re-sends anyway.
 *
 * <p>Threading: every method runs on the agent thread; Paho's callbacks only hand work over to it. The
 * broker state (connected, disconnected, stopped) is written to the agent's file for {@code status}.
 */
final class BrokerLink {
    /** What the courier hears from the link, on the agent thread. */
    interface Listener {
        void connected();

        void disconnected();

        void messageArrived(String topic, byte[] payload);
    }

    private final AgentConfig config;
    private final NodeIdentity identity;
    private final AgentDatabase db;
    private final ScheduledExecutorService agentThread;
    private final Clock clock;
    private final Backoff backoff;
    private Listener listener;
    private MqttAsyncClient client;
    /** The threads of {@link #client}. */
    private PahoThreads threads;

    private BrokerState state = BrokerState.STARTING;
    /** The state last written to the file (connection attempts are not written, only their outcome). */
    private BrokerState persisted = BrokerState.STARTING;

    private boolean stopped;

    BrokerLink(
            AgentConfig config,
            NodeIdentity identity,
            AgentDatabase db,
            ScheduledExecutorService agentThread,
            Clock clock,
            RandomGenerator random) {
        this.config = config;
        this.identity = identity;
        this.db = db;
        this.agentThread = agentThread;
        this.clock = clock;
        this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax(), random);
    }

    BrokerState state() {
        return state;
    }

    boolean isConnected() {
        return state == BrokerState.CONNECTED && client != null;
    }

    void start(Listener l) {
        this.listener = l;
        connect();
    }

    /** Publishes; false if the message could not be handed to Paho (not connected, Paho's window full). */
    boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        if (!isConnected()) {
            return false;
        }
        try {
            client.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                Logger.debug("node={} publish on {} failed: {}", config.node(), topic, e.getMessage());
            }
            return false; // the connection-lost callback or the courier's next round takes it from here
        }
    }

    boolean subscribe(String[] topics, int[] qos) {
        try {
            client.subscribe(topics, qos);
            return true;
        } catch (MqttException e) {
            lost(client, e);
            return false;
        }
    }

    /** Disconnects (letting queued publications go out for up to 0.5 s) and stops reconnecting. */
    void stop() {
        stopped = true;
        closeClient(true);
        setState(BrokerState.STOPPED);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        closeClient(false);
        state = BrokerState.CONNECTING;
        MqttAsyncClient c;
        // Paho's threads run in a pool of our own, which spares each connection Paho's 0.3 s of start-up
        // sleeps (see PahoThreads); closeClient shuts it down with the client.
        PahoThreads t = new PahoThreads(config.node().value());
        try {
            c = new MqttAsyncClient(
                    config.brokerUrl(),
                    config.node().value(),
                    new MemoryPersistence(),
                    new ScheduledExecutorPingSender(t),
                    t);
        } catch (MqttException e) {
            t.shutdownNow();
            Logger.error(
                    "node={} cannot create MQTT client for {}: {}", config.node(), config.brokerUrl(), e.getMessage());
            retryLater(e);
            return;
        }
        client = c;
        threads = t;
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
        o.setConnectionTimeout(
                Math.toIntExact(Math.max(1, config.connectTimeout().toSeconds())));
        // Paho's own limit counts until PUBACK, the courier's until the gateway's acknowledgement: leave room
        // for the certificate and status messages on top of a full window.
        o.setMaxInflight(config.window() + 10);
        if (config.tls()) {
            o.setSocketFactory(tlsSockets());
            o.setHttpsHostnameVerificationEnabled(config.verifyBrokerHostname());
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        return o;
    }

    private javax.net.ssl.SSLSocketFactory tlsSockets() {
        try {
            return NoDelaySockets.tls(java.util.List.of(identity.authority()), identity.signingKey(), identity.chain());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot build the TLS context from the node's key and certificate: " + e.getMessage(), e);
        }
    }

    private void connected(MqttAsyncClient c) {
        if (c != client || stopped) {
            return;
        }
        backoff.reset();
        setState(BrokerState.CONNECTED);
        Logger.info("node={} connected to {}", config.node(), config.brokerUrl());
        listener.connected();
    }

    private void lost(MqttAsyncClient c, Throwable cause) {
        if (c != client || stopped) {
            return;
        }
        if (state == BrokerState.CONNECTED) {
            Logger.warn("node={} connection to {} lost: {}", config.node(), config.brokerUrl(), describe(cause));
        }
        setState(BrokerState.DISCONNECTED);
        closeClient(false);
        listener.disconnected();
        retryLater(cause);
    }

    private void retryLater(Throwable cause) {
        Duration delay = backoff.next();
        Logger.debug(
                "node={} broker {} unreachable ({}); next attempt in {} ms",
                config.node(),
                config.brokerUrl(),
                describe(cause),
                delay.toMillis());
        try {
            var unused = agentThread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the agent is shutting down
        }
    }

    private void closeClient(boolean quiesce) {
        MqttAsyncClient c = client;
        PahoThreads t = threads;
        client = null;
        threads = null;
        if (c == null) {
            return;
        }
        try {
            disconnectAndClose(c, quiesce);
        } finally {
            t.shutdownNow();
        }
    }

    private void disconnectAndClose(MqttAsyncClient c, boolean quiesce) {
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
        if (s == persisted) {
            return;
        }
        persisted = s;
        try {
            LinkStore.brokerState(db, s.label(), clock.instant());
        } catch (StoreException e) {
            Logger.error("node={} cannot record broker state: {}", config.node(), e.getMessage());
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
                if (owner == client && !stopped) {
                    listener.messageArrived(topic, payload);
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // A PUBACK only says the broker has it; the record stays until the gateway acknowledges.
        }
    }
}
