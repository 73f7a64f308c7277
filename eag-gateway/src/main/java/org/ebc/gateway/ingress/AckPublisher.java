package org.ebc.gateway.ingress;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.gateway.storage.CommitReport;
import org.ebc.gateway.verify.Rejection;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.ebc.wire.ResendRequest;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * Sends the gateway's acknowledgements after each group commit: one {@link Ack} per node per commit,
 * signed with the EAG key as a signed envelope and published with QoS 1 on {@link Topics#ack}. Signing
 * happens here, on its own thread, so that neither the writer nor the MQTT callback pays for it.
 *
 * <p>An acknowledgement that cannot be sent (broker unreachable, queue full) is dropped and counted:
 * that is safe, because the agent keeps the reading and sends it again, and a page the gateway already
 * holds is acknowledged as committed again. A rejected page's detail ends with {@code [sha256 <16 hex>]},
 * the digest of the refused bytes, so the agent can check that the refusal is about its own record.
 *
 * <p>Thread-safe: {@link #enqueue} never blocks.
 */
public final class AckPublisher implements AutoCloseable {

    /** Where signed acknowledgements go (the MQTT edge). */
    public interface AckChannel {
        /** @return false if the message could not be sent */
        boolean publish(String topic, byte[] payload, Duration wait) throws InterruptedException;
    }

    private final EagId eag;
    private final PrivateKey key;
    private final KeyId keyId;
    private final Clock clock;
    private final AckChannel channel;
    private final BlockingQueue<Object> queue;
    private final AtomicLong resendSeq;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long droppedLogged;

    public AckPublisher(EagId eag, PrivateKey key, KeyId keyId, Clock clock, AckChannel channel, int capacity) {
        this.eag = eag;
        this.key = key;
        this.keyId = keyId;
        this.clock = clock;
        this.channel = channel;
        this.queue = new ArrayBlockingQueue<>(capacity);
        // Informative and rising across restarts without storing anything: start at the clock.
        this.resendSeq = new AtomicLong(clock.millis());
        this.thread = new Thread(this::run, "ebc-acks");
        thread.setDaemon(true);
    }

    public AckPublisher start() {
        thread.start();
        return this;
    }

    /** Queues the acknowledgements of one commit; drops (and counts) what does not fit. */
    public void enqueue(List<CommitReport.NodeOutcome> outcomes) {
        for (CommitReport.NodeOutcome o : outcomes) {
            if (!queue.offer(o)) {
                dropped.incrementAndGet();
            }
        }
    }

    /**
     * Asks a node to publish missing pages again at once (a {@link ResendRequest} on its ack topic): pages
     * lost between the broker's PUBACK and our commit come back in about a second instead of after the
     * agent's own acknowledgement timeout.
     */
    public void requestResend(NodeId node, List<Ack.PageRange> missing) {
        if (missing.isEmpty()) {
            return;
        }
        List<Ack.PageRange> ranges =
                missing.size() > 100 ? missing.subList(missing.size() - 100, missing.size()) : missing;
        if (!queue.offer(new ResendRequest(eag, resendSeq.incrementAndGet(), clock.instant(), node, ranges))) {
            dropped.incrementAndGet();
        }
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** The signed envelope for one node's outcome: exactly what goes on the wire. */
    public byte[] envelope(CommitReport.NodeOutcome o) {
        return EnvelopeCodec.sign(ack(o).payloadBytes(), key, keyId);
    }

    Ack ack(CommitReport.NodeOutcome o) {
        List<Ack.Rejection> rejected = new ArrayList<>(o.rejected().size());
        for (Rejection r : o.rejected()) {
            rejected.add(new Ack.Rejection(r.page(), r.reason().name(), r.detail() + " [sha256 " + r.digest() + "]"));
        }
        return new Ack(eag, o.node(), o.ackSeq(), clock.millis(), Ack.ranges(o.committed()), rejected);
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Object next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                String topic;
                byte[] envelope;
                if (next instanceof ResendRequest r) {
                    topic = Topics.ack(eag, r.node());
                    envelope = r.sign(key, keyId);
                } else {
                    CommitReport.NodeOutcome o = (CommitReport.NodeOutcome) next;
                    topic = Topics.ack(eag, o.node());
                    envelope = envelope(o);
                }
                if (channel.publish(topic, envelope, Duration.ofSeconds(2))) {
                    sent.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                    logDrops();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                Logger.error(e, "acknowledgements: cannot sign or send one");
            }
        }
    }

    private void logDrops() {
        long d = dropped.get();
        // Once per thousand, so an outage of the broker does not write one line per acknowledgement.
        if (d / 1_000 != droppedLogged / 1_000 || droppedLogged == 0) {
            Logger.warn(
                    "{} acknowledgement(s) not sent so far (broker unreachable or busy); agents will resend and be acknowledged again",
                    d);
            droppedLogged = d;
        }
    }

    /** Sends what is queued (while the channel takes it), then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
