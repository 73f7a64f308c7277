package org.ebc.gateway.bench;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.ebc.wire.Ack;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One node of the ingest benchmark: its records are signed before the timed phase (pages 1..N, rising
 * registers, as an agent signs them), then published at QoS 1 as fast as a window of unacknowledged
 * publishes allows, and it counts what the gateway acknowledges as committed: a page is done only when
 * a signed acknowledgement that verifies with the EAG's key says so, as an agent requires.
 *
 * <p>Thread-safety: the publishing thread, Paho's callback thread and a waiting thread share it; state
 * that crosses them is synchronized or atomic.
 */
final class LoadGenerator implements AutoCloseable {
    private final NodeId node;
    private final EagId eag;
    private final List<byte[]> records;
    /** Pages acknowledged as committed (bit n = page n); guarded by itself, waited on for progress. */
    private final BitSet committed = new BitSet();

    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong badAcks = new AtomicLong();
    private final AtomicLong lastCommitNanos = new AtomicLong();
    private final AtomicLong lastPubackNanos = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private MqttAsyncClient client;
    private Semaphore window;
    private volatile PublicKey eagKey;
    private volatile KeyId eagKeyId;

    private LoadGenerator(NodeId node, EagId eag, List<byte[]> records) {
        this.node = node;
        this.eag = eag;
        this.records = records;
    }

    /** Signs {@code count} records for {@code node}, reading times one second apart, ending now. */
    static LoadGenerator presign(NodeId node, String meterSerial, PrivateKey key, EagId eag, int count, Instant now) {
        List<byte[]> records = new ArrayList<>(count);
        Instant first = now.minusSeconds(count);
        for (int page = 1; page <= count; page++) {
            Instant at = first.plusSeconds(page);
            OcmfPayload p = new OcmfPayload(
                    "1.0",
                    "ebc bench-ingest",
                    node.value(),
                    "bench",
                    PageCounter.of(page),
                    "",
                    "simulated",
                    meterSerial,
                    "",
                    List.of(
                            new OcmfReading(
                                    at,
                                    ClockStatus.S,
                                    "T",
                                    Energy.ofWh(10L * page),
                                    Obis.IMPORT_ACTIVE_ENERGY,
                                    "",
                                    "G"),
                            new OcmfReading(
                                    at, ClockStatus.S, "T", Energy.ofWh(page), Obis.EXPORT_ACTIVE_ENERGY, "", "G")));
            records.add(OcmfCodec.sign(p, key));
        }
        return new LoadGenerator(node, eag, records);
    }

    NodeId node() {
        return node;
    }

    int size() {
        return records.size();
    }

    /** Connects and subscribes to this node's acknowledgements; {@code eagKey} verifies them. */
    void connect(String brokerUri, PublicKey eagKey, int maxInflight) throws MqttException {
        this.eagKey = eagKey;
        this.eagKeyId = KeyId.of(eagKey);
        this.window = new Semaphore(maxInflight);
        client = new MqttAsyncClient(brokerUri, "ebc-bench-ingest-" + node, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(maxInflight);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(o).waitForCompletion(30_000);
        client.subscribe(Topics.ack(eag, node), 1, (topic, m) -> acknowledged(m.getPayload()))
                .waitForCompletion(30_000);
    }

    /**
     * Publishes pages {@code first..last} at QoS 1, in order, never more than the window unacknowledged by
     * the broker.
     */
    void publish(int first, int last) throws InterruptedException, MqttException {
        String topic = Topics.reading(eag, node);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                lastPubackNanos.set(System.nanoTime());
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        };
        for (int page = first; page <= last; page++) {
            window.acquire();
            client.publish(topic, records.get(page - 1), 1, false, null, release);
        }
    }

    /**
     * Publishes again every page of {@code first..last} not yet acknowledged as committed, as an agent does
     * after its acknowledgement timeout (a gateway may fail to send an acknowledgement; it acknowledges a
     * page it already holds again).
     *
     * @return how many pages were published again
     */
    int republishUnacknowledged(int first, int last) throws InterruptedException, MqttException {
        List<Integer> missing = new ArrayList<>();
        synchronized (committed) {
            for (int page = committed.nextClearBit(first); page <= last; page = committed.nextClearBit(page + 1)) {
                missing.add(page);
            }
        }
        String topic = Topics.reading(eag, node);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        };
        for (int page : missing) {
            window.acquire();
            client.publish(topic, records.get(page - 1), 1, false, null, release);
        }
        republished.addAndGet(missing.size());
        return missing.size();
    }

    long republished() {
        return republished.get();
    }

    private void acknowledged(byte[] wire) {
        EnvelopeResult r =
                EnvelopeCodec.verify(wire, id -> id.equals(eagKeyId) ? Optional.of(eagKey) : Optional.empty());
        Optional<Ack> ack = r.isOk() ? Ack.fromEnvelope(r.envelope()) : Optional.empty();
        if (ack.isEmpty() || !ack.get().node().equals(node)) {
            badAcks.incrementAndGet();
            return;
        }
        rejected.addAndGet(ack.get().rejected().size());
        synchronized (committed) {
            for (Ack.PageRange range : ack.get().committed()) {
                if (range.first() <= records.size()) {
                    committed.set((int) range.first(), (int) Math.min(range.last(), records.size()) + 1);
                }
            }
            if (committed.nextClearBit(1) > records.size()) {
                lastCommitNanos.compareAndSet(0, System.nanoTime());
            }
            committed.notifyAll();
        }
    }

    /** Waits until pages 1..{@code page} are all acknowledged as committed. @return false on timeout */
    boolean awaitCommitted(int page, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (committed) {
            while (committed.nextClearBit(1) <= page) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(committed, left);
            }
            return true;
        }
    }

    long committedCount() {
        synchronized (committed) {
            return committed.cardinality();
        }
    }

    /** Pages 1..n are all committed: n (0 if page 1 is not). */
    long committedPrefix() {
        synchronized (committed) {
            return committed.nextClearBit(1) - 1L;
        }
    }

    long rejected() {
        return rejected.get();
    }

    long badAcks() {
        return badAcks.get();
    }

    /** {@link System#nanoTime()} when the last of all pages was acknowledged as committed (0 if not yet). */
    long lastCommitNanos() {
        return lastCommitNanos.get();
    }

    /** {@link System#nanoTime()} of the last broker PUBACK. */
    long lastPubackNanos() {
        return lastPubackNanos.get();
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(5000);
            }
            client.close();
        } catch (MqttException e) {
            // The benchmark is over; a client that does not disconnect cleanly changes no figure.
        }
    }
}
