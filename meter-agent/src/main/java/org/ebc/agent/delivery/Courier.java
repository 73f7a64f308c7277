package org.ebc.agent.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.tinylog.Logger;

/**
 * Delivers the outbox to the gateway: QoS 1 over the {@link BrokerLink}, with a window of up to
 * {@code outbox.window} records published but not yet acknowledged. A record leaves the outbox only on the
 * gateway's signed acknowledgement (verified by {@link GatewayTrust}): committed pages are deleted, rejected
 * ones quarantined. One not acknowledged within {@code outbox.ack-timeout} is published again, the timeout
 * doubling per attempt up to 16×, because the gateway is idempotent on (meter, page). After a lost
 * connection everything unacknowledged is published again from the lowest page, in page order.
 *
 * <p>At every connection it subscribes to its acknowledgement topic and to the gateway's retained
 * certificate, and publishes the node's certificate chain retained; every {@code status.interval} it
 * publishes the informational status.
 *
 * <p>Threading: every method runs on the agent thread. Ack timeouts use the monotonic {@link System#nanoTime()}
 * (they are about the network); timestamps written to the file come from the injected clock.
 */
public final class Courier implements BrokerLink.Listener {
    private static final int HELD_ACKS = 64;
    private static final int MAX_BACKOFF_DOUBLINGS = 4;

    private final AgentConfig config;
    private final NodeIdentity identity;
    private final Outbox outbox;
    private final GatewayTrust trust;
    private final AgentDatabase db;
    private final ScheduledExecutorService agentThread;
    private final Clock clock;
    private final BrokerLink link;
    private final Supplier<byte[]> statusMessage;
    private final String readingTopic;
    private final String ackTopic;
    private final String eagCertificateTopic;
    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private final ArrayDeque<byte[]> heldAcks = new ArrayDeque<>();
    private long cursor;
    private long republished;
    private long lastAckedPage;

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

    public Courier(
            AgentConfig config,
            NodeIdentity identity,
            Outbox outbox,
            AgentDatabase db,
            ScheduledExecutorService agentThread,
            Clock clock,
            RandomGenerator random,
            Supplier<byte[]> statusMessage) {
        this.config = config;
        this.identity = identity;
        this.outbox = outbox;
        this.db = db;
        this.agentThread = agentThread;
        this.clock = clock;
        this.statusMessage = statusMessage;
        this.trust = new GatewayTrust(config.eag(), config.node(), identity.authority());
        this.link = new BrokerLink(config, identity, db, agentThread, clock, random);
        this.readingTopic = Topics.reading(config.eag(), config.node());
        this.ackTopic = Topics.ack(config.eag(), config.node());
        this.eagCertificateTopic = Topics.eagCertificate(config.eag());
    }

    public BrokerState state() {
        return link.state();
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

    /** Restores the last accepted EAG certificate (re-validated now), then connects. */
    public void start() {
        db.read(LinkStore::load).ifPresent(l -> {
            lastAckedPage = l.lastAckedPage();
            l.eagCertificate().ifPresent(pem -> {
                GatewayTrust.Offer o = trust.offer(pem.getBytes(StandardCharsets.US_ASCII), clock.instant());
                if (!o.accepted()) {
                    Logger.info("node={} stored EAG certificate no longer accepted: {}", config.node(), o.reason());
                }
            });
        });
        long tick = Math.max(50, Math.min(1000, config.ackTimeout().toMillis() / 2));
        var unusedRepublish =
                agentThread.scheduleWithFixedDelay(guarded(this::republishOverdue), tick, tick, TimeUnit.MILLISECONDS);
        long status = config.statusInterval().toMillis();
        var unusedStatus =
                agentThread.scheduleWithFixedDelay(guarded(this::publishStatus), status, status, TimeUnit.MILLISECONDS);
        link.start(this);
    }

    /** New records are in the outbox: fill the window. */
    public void recordsAvailable() {
        fill();
    }

    /** Disconnects and stops reconnecting. */
    public void stop() {
        link.stop();
    }

    @Override
    public void connected() {
        if (!link.subscribe(new String[] {ackTopic, eagCertificateTopic}, new int[] {1, 1})) {
            return;
        }
        link.publish(
                Topics.meter(config.eag(), config.node(), Topics.MeterMessage.CERTIFICATE),
                identity.chainPem().getBytes(StandardCharsets.US_ASCII),
                1,
                true);
        inFlight.clear();
        cursor = outbox.firstPage(); // 0 when empty: whatever comes next is new
        fill();
        publishStatus();
    }

    @Override
    public void disconnected() {
        if (!inFlight.isEmpty() || outbox.depth() > 0) {
            Logger.info("node={} {} records wait in the outbox for the broker", config.node(), outbox.depth());
        }
        inFlight.clear();
    }

    @Override
    public void messageArrived(String topic, byte[] payload) {
        if (topic.equals(eagCertificateTopic)) {
            certificateReceived(payload);
        } else if (topic.equals(ackTopic)) {
            ackReceived(payload);
        }
    }

    // ------------------------------------------------------------------ publishing

    private void fill() {
        while (link.isConnected() && inFlight.size() < config.window()) {
            List<Outbox.Entry> batch = outbox.from(cursor, config.window() - inFlight.size());
            if (batch.isEmpty()) {
                return;
            }
            for (Outbox.Entry e : batch) {
                if (!link.publish(readingTopic, e.record(), 1, false)) {
                    return;
                }
                inFlight.put(e.page(), new InFlight(e.record(), System.nanoTime()));
                cursor = e.page() + 1;
            }
        }
    }

    private void republishOverdue() {
        if (!link.isConnected() || inFlight.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long base = config.ackTimeout().toNanos();
        for (Map.Entry<Long, InFlight> e : inFlight.entrySet()) {
            InFlight f = e.getValue();
            long timeout = base << Math.min(f.attempts - 1, MAX_BACKOFF_DOUBLINGS);
            if (now - f.sentNanos >= timeout) {
                if (!link.publish(readingTopic, f.record, 1, false)) {
                    break;
                }
                f.sentNanos = now;
                f.attempts++;
                republished++;
                Logger.debug(
                        "node={} page {} not acknowledged after {} ms; published again (attempt {})",
                        config.node(),
                        e.getKey(),
                        timeout / 1_000_000,
                        f.attempts);
            }
        }
        fill();
    }

    private void publishStatus() {
        if (link.isConnected()) {
            link.publish(
                    Topics.meter(config.eag(), config.node(), Topics.MeterMessage.STATUS),
                    statusMessage.get(),
                    0,
                    true);
        }
    }

    // ------------------------------------------------------------------ receiving

    private void certificateReceived(byte[] payload) {
        GatewayTrust.Offer o = trust.offer(payload, clock.instant());
        if (!o.accepted()) {
            Logger.warn("node={} event=EAG_CERTIFICATE_REFUSED {}", config.node(), o.reason());
            journal(c -> EventJournal.record(c, clock.instant(), AgentEvent.EAG_CERTIFICATE_REFUSED, o.reason()));
            return;
        }
        Logger.info("node={} EAG certificate of {} accepted", config.node(), config.eag());
        try {
            LinkStore.eagCertificate(db, o.pem());
        } catch (StoreException e) {
            Logger.error("node={} cannot keep the EAG certificate: {}", config.node(), e.getMessage());
        }
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
            journal(c -> EventJournal.add(c, Counter.ACKS_REFUSED, 1));
            return;
        }
        Ack ack = v.ack();
        Outbox.AckEffect effect;
        try {
            effect = outbox.apply(ack, clock.instant());
        } catch (StoreException e) {
            Logger.error(
                    "node={} acknowledgement {} not applied (its records stay in the outbox): {}",
                    config.node(),
                    ack.seq(),
                    e.getMessage());
            return;
        }
        for (Ack.PageRange r : ack.committed()) {
            inFlight.subMap(r.first(), true, r.last(), true).clear();
        }
        for (Ack.Rejection r : ack.rejected()) {
            inFlight.remove(r.page());
            if (effect.quarantined().contains(r.page())) {
                Logger.warn(
                        "node={} event=RECORD_QUARANTINED page={} reason={} detail={}",
                        config.node(),
                        r.page(),
                        r.reason(),
                        r.detail());
            }
        }
        lastAckedPage = Math.max(lastAckedPage, effect.highestCommitted());
        Logger.debug(
                "node={} ack seq={} committed={} quarantined={} outbox={}",
                config.node(),
                ack.seq(),
                effect.committed(),
                effect.quarantined().size(),
                outbox.depth());
        fill();
    }

    /** One write to the journal tables. */
    @FunctionalInterface
    private interface JournalWrite {
        void run(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void journal(JournalWrite write) {
        try {
            db.inTransaction(c -> {
                write.run(c);
                return null;
            });
        } catch (StoreException e) {
            Logger.error("node={} cannot record in the journal: {}", config.node(), e.getMessage());
        }
    }

    private Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again by the executor: log and carry on instead.
                Logger.error(e, "node={} delivery task failed", config.node());
            }
        };
    }
}
