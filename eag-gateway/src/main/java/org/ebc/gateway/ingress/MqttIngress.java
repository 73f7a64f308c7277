package org.ebc.gateway.ingress;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * The gateway's MQTT edge (Eclipse Paho, asynchronous client): a persistent session (clean session off,
 * a stable client id) so the broker queues readings while the gateway is away; QoS 1 subscriptions to
 * the meters' reading and certificate topics; the EAG certificate published retained; reconnection with
 * exponential backoff, re-subscribing each time. Messages are handed to the {@link VerifyLanes} and
 * nothing else happens on Paho's callback thread; nothing a message contains can make it throw.
 *
 * <p>Durability does not come from here: a message Paho acknowledged to the broker is durable only once
 * the writer has committed it, and only then does the node get the gateway's signed acknowledgement. A
 * message lost in between (a crash) is sent again by its agent, which keeps it until acknowledged.
 *
 * <p>Thread-safe.
 */
public final class MqttIngress implements AutoCloseable {

    /** A retained message published after every (re)connect: the EAG's certificate, the market's rules. */
    public record Retained(String topic, byte[] payload) {}

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final List<String> subscriptions;
    private final List<Retained> retained;
    private final VerifyLanes lanes;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final Semaphore inflight;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final ReentrantReadWriteLock delivery = new ReentrantReadWriteLock();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile boolean subscribed;
    private volatile CountDownLatch ready = new CountDownLatch(1);
    private Duration backoff;
    private int failedAttempts;

    /**
     * @param serverUri {@code tcp://host:port} or {@code ssl://host:port}
     * @param clientId stable across restarts (the broker keys the persistent session by it)
     * @param options from {@code MqttClientOptions.connectOptions}: clean session off, TCP_NODELAY, TLS
     * @param subscriptions topic filters, all subscribed with QoS 1
     * @param scheduler runs reconnection attempts
     */
    public MqttIngress(
            String serverUri,
            String clientId,
            MqttConnectOptions options,
            List<String> subscriptions,
            List<Retained> retained,
            VerifyLanes lanes,
            Clock clock,
            ScheduledExecutorService scheduler,
            Duration backoffMin,
            Duration backoffMax)
            throws MqttException {
        this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        this.options = options;
        this.subscriptions = List.copyOf(subscriptions);
        this.retained = List.copyOf(retained);
        this.lanes = lanes;
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.backoff = backoffMin;
        // Leave in-flight slots for the retained messages, which are published outside the ack flow.
        this.inflight = new Semaphore(Math.max(1, options.getMaxInflight() - this.retained.size()));
        client.setCallback(new Callback());
    }

    /** Starts connecting; returns at once. Use {@link #awaitReady} to wait for the subscriptions. */
    public void start() {
        connect();
    }

    /** Waits until connected and subscribed. @return false if that did not happen within {@code timeout} */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && subscribed;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public boolean isSubscribed() {
        return subscribed && client.isConnected();
    }

    public String serverUri() {
        return client.getServerURI();
    }

    /**
     * Publishes with QoS 1, waiting up to {@code wait} for a free in-flight slot.
     *
     * @return false if not connected or no slot became free: the message was not sent
     */
    public boolean publish(String topic, byte[] payload, Duration wait) throws InterruptedException {
        return publish(topic, payload, false, wait);
    }

    /** {@link #publish(String, byte[], Duration)}, retained or not. */
    public boolean publish(String topic, byte[] payload, boolean retain, Duration wait) throws InterruptedException {
        if (!client.isConnected() || !inflight.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            client.publish(topic, payload, 1, retain, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inflight.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    inflight.release();
                }
            });
            return true;
        } catch (MqttException | RuntimeException e) {
            inflight.release();
            return false;
        }
    }

    private void connect() {
        if (closed || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting.set(false);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    connecting.set(false);
                    connectFailed(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            connecting.set(false);
            connectFailed(e);
        }
    }

    private synchronized void connectFailed(Throwable e) {
        if (closed) {
            return;
        }
        failedAttempts++;
        // One warning per outage, then quiet: a broker that is down for an hour must not fill the log.
        if (failedAttempts == 1) {
            Logger.warn(
                    "cannot connect to MQTT broker {}: {}; retrying with backoff up to {} s",
                    client.getServerURI(),
                    describe(e),
                    backoffMax.toSeconds());
        } else {
            Logger.debug(
                    "MQTT connect attempt {} to {} failed: {}", failedAttempts, client.getServerURI(), describe(e));
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(backoffMax) > 0 ? backoffMax : backoff.multipliedBy(2);
        var unused = scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void connected(boolean reconnect) {
        if (failedAttempts > 0) {
            Logger.info(
                    "connected to MQTT broker {} after {} failed attempt(s)", client.getServerURI(), failedAttempts);
        } else {
            Logger.info(
                    "{} MQTT broker {} as {}",
                    reconnect ? "reconnected to" : "connected to",
                    client.getServerURI(),
                    client.getClientId());
        }
        failedAttempts = 0;
        backoff = backoffMin;
        subscribe();
        publishRetained();
    }

    private void subscribe() {
        String[] filters = subscriptions.toArray(String[]::new);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        try {
            client.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    for (int i = 0; granted != null && i < granted.length; i++) {
                        if (granted[i] == 0x80) {
                            Logger.error(
                                    "MQTT broker refused the subscription to {} (check its ACL for client {})",
                                    filters[Math.min(i, filters.length - 1)],
                                    client.getClientId());
                            return;
                        }
                    }
                    subscribed = true;
                    ready.countDown();
                    Logger.info("subscribed to {} with QoS 1", String.join(" and ", filters));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    Logger.error("MQTT subscription to {} failed: {}", String.join(", ", filters), describe(e));
                }
            });
        } catch (MqttException e) {
            Logger.error("MQTT subscription to {} failed: {}", String.join(", ", filters), describe(e));
        }
    }

    private void publishRetained() {
        for (Retained r : retained) {
            try {
                client.publish(r.topic(), r.payload(), 1, true);
            } catch (MqttException e) {
                Logger.warn("cannot publish the retained message on {}: {}", r.topic(), describe(e));
            }
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            connected(reconnect);
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            ready = new CountDownLatch(1);
            if (closed) {
                return;
            }
            Logger.warn("connection to MQTT broker {} lost: {}; reconnecting", client.getServerURI(), describe(cause));
            var unused = scheduler.schedule(MqttIngress.this::connect, backoffMin.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Paho drops the connection if this throws: nothing may escape.
            try {
                delivery.readLock().lock();
                try {
                    if (!paused) {
                        lanes.offer(new Inbound(topic, message.getPayload(), clock.instant()));
                        return;
                    }
                } finally {
                    delivery.readLock().unlock();
                }
                // Shutting down: hold the message unacknowledged until the connection is gone, so the
                // broker keeps it for the next session instead of it being lost between us and SQLite.
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Logger.error(e, "ingress: cannot queue a message from topic {}", topic);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Completion of our own publishes is tracked by their listeners.
        }
    }

    /**
     * Stops handing messages to the lanes: from now on a message that arrives is held, unacknowledged to
     * the broker, until {@link #close}. Returns once no message is being handed over any more, so that
     * after it the lanes and the writer can be drained and the last acknowledgements still be sent.
     */
    public void pause() {
        delivery.writeLock().lock();
        try {
            paused = true;
        } finally {
            delivery.writeLock().unlock();
        }
    }

    /** Disconnects (the broker keeps the session and queues for the next start) and releases the client. */
    @Override
    public void close() {
        closed = true;
        pause();
        try {
            if (client.isConnected()) {
                // The quiesce time lets our last acknowledgements complete; a held message waits it out.
                client.disconnect(2_000).waitForCompletion(10_000);
            }
        } catch (MqttException e) {
            Logger.debug("MQTT disconnect: {}", describe(e));
        } finally {
            released.countDown();
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("MQTT close: {}", describe(e));
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage();
        String r = root == e
                ? ""
                : " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                        + ")";
        return (m == null ? e.getClass().getSimpleName() : m) + r;
    }
}
