package org.ebc.agent.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
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
import org.ebc.agent.trading.Outgoing;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.wire.Ack;
import org.ebc.wire.ResendRequest;
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
 * <p>At every connection it subscribes to everything the gateway sends this node ({@link Topics#allForNode}),
 * to the gateway's retained certificate and, when the node trades, to the market broadcasts, and publishes
 * the node's certificate chain retained; every {@code status.interval} it publishes the informational status.
 * Every gateway message counts only if it verifies with the EAG certificate ({@link GatewayTrust}); messages
 * that arrive before the certificate are held (up to {@value #HELD_MESSAGES}) and looked at when it arrives.
 * On the ack topic it handles acknowledgements and resend requests (a gap at the gateway: the named pages
 * still in the outbox are published again at once); everything else goes to the {@link Inbox} (the trader).
 * It also publishes the trader's orders and payments ({@link Outgoing}).
 *
 * <p>Threading: every method runs on the agent thread. Ack timeouts use the monotonic {@link System#nanoTime()}
 * (they are about the network); timestamps written to the file come from the injected clock.
 */
public final class Courier implements BrokerLink.Listener, Outgoing {
    private static final int HELD_MESSAGES = 256;

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
    private final String nodeTopics;
    private final String marketTopics;
    private final String orderTopic;
    private final String paymentTopic;
    private final String creditTopic;
    private final PublishWindow window;
    /** Gateway messages (topic, payload) that arrived before its certificate. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    private Inbox inbox = Inbox.NONE;
    private long lastAckedPage;

    /** Where verified gateway messages other than acknowledgements and resend requests go. */
    public interface Inbox {
        /** Ignores everything (a node that does not trade). */
        Inbox NONE = new Inbox() {
            @Override
            public boolean wantsMarket() {
                return false;
            }

            @Override
            public void connected() {}

            @Override
            public void message(String topic, SignedEnvelope verified) {}
        };

        /** Whether to subscribe to the market broadcasts. */
        boolean wantsMarket();

        /** A new connection (after the outbox has been published again). */
        void connected();

        /** A message that verified with the EAG's key, as received on {@code topic}. */
        void message(String topic, SignedEnvelope verified);
    }

    private record Held(String topic, byte[] payload) {}

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
        this.nodeTopics = Topics.allForNode(config.eag(), config.node());
        this.marketTopics = Topics.market(config.eag(), "+");
        this.orderTopic = Topics.meter(config.eag(), config.node(), Topics.MeterMessage.ORDER);
        this.paymentTopic = Topics.meter(config.eag(), config.node(), Topics.MeterMessage.PAYMENT);
        this.creditTopic = Topics.meter(config.eag(), config.node(), Topics.MeterMessage.CREDIT);
        this.window = new PublishWindow(config, outbox, link, readingTopic);
    }

    /** Sets where gateway messages go; before {@link #start}. */
    public void inbox(Inbox i) {
        this.inbox = i;
    }

    public BrokerState state() {
        return link.state();
    }

    public int inFlight() {
        return window.size();
    }

    public long republished() {
        return window.republished();
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
        var unusedRepublish = agentThread.scheduleWithFixedDelay(
                guarded(window::republishOverdue), tick, tick, TimeUnit.MILLISECONDS);
        long status = config.statusInterval().toMillis();
        var unusedStatus =
                agentThread.scheduleWithFixedDelay(guarded(this::publishStatus), status, status, TimeUnit.MILLISECONDS);
        link.start(this);
    }

    /** New records are in the outbox: fill the window. */
    public void recordsAvailable() {
        window.fill();
    }

    /** Disconnects and stops reconnecting. */
    public void stop() {
        link.stop();
    }

    @Override
    public boolean order(byte[] envelope) {
        return link.publish(orderTopic, envelope, 1, false);
    }

    @Override
    public boolean payment(byte[] envelope) {
        return link.publish(paymentTopic, envelope, 1, false);
    }

    @Override
    public boolean credit(byte[] envelope) {
        return link.publish(creditTopic, envelope, 1, false);
    }

    @Override
    public void connected() {
        String[] topics = inbox.wantsMarket()
                ? new String[] {eagCertificateTopic, nodeTopics, marketTopics}
                : new String[] {eagCertificateTopic, nodeTopics};
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, 1);
        if (!link.subscribe(topics, qos)) {
            return;
        }
        link.publish(
                Topics.meter(config.eag(), config.node(), Topics.MeterMessage.CERTIFICATE),
                identity.chainPem().getBytes(StandardCharsets.US_ASCII),
                1,
                true);
        window.restart();
        inbox.connected();
        publishStatus();
    }

    @Override
    public void disconnected() {
        if (window.size() > 0 || outbox.depth() > 0) {
            Logger.info("node={} {} records wait in the outbox for the broker", config.node(), outbox.depth());
        }
        window.clear();
    }

    @Override
    public void messageArrived(String topic, byte[] payload) {
        if (topic.equals(eagCertificateTopic)) {
            certificateReceived(payload);
        } else {
            gatewayMessage(topic, payload);
        }
    }

    // ------------------------------------------------------------------ publishing

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
        while (!held.isEmpty()) {
            Held h = held.poll();
            gatewayMessage(h.topic(), h.payload());
        }
    }

    private void gatewayMessage(String topic, byte[] payload) {
        if (!trust.hasCertificate()) {
            // Messages queued in the session (and retained market rules) can arrive before the retained
            // certificate. Every one of them is repeated (an ack by a re-publish, the rest by the gateway's
            // own re-sends or retained copies), so dropping the oldest held one only costs a repetition.
            if (held.size() == HELD_MESSAGES) {
                held.poll();
            }
            held.add(new Held(topic, payload));
            return;
        }
        GatewayTrust.Signed s = trust.verifySigned(payload, clock.instant());
        boolean onAckTopic = topic.equals(ackTopic);
        if (!s.isAccepted()) {
            refused(onAckTopic, topic, s.refusal());
            return;
        }
        SignedEnvelope e = s.envelope();
        if (onAckTopic && ResendRequest.TYPE.equals(e.type())) {
            resendRequested(e);
        } else if (onAckTopic) {
            GatewayTrust.Verdict v = trust.ack(e);
            if (v.isAccepted()) {
                ackReceived(v.ack());
            } else {
                refused(true, topic, v.refusal());
            }
        } else {
            inbox.message(topic, e);
        }
    }

    private void refused(boolean onAckTopic, String topic, String why) {
        if (onAckTopic) {
            Logger.warn("node={} acknowledgement refused: {}", config.node(), why);
            journal(c -> EventJournal.add(c, Counter.ACKS_REFUSED, 1));
        } else {
            Logger.warn("node={} message on {} refused: {}", config.node(), topic, why);
            journal(c -> EventJournal.add(c, Counter.GATEWAY_MESSAGES_REFUSED, 1));
        }
    }

    /**
     * The gateway lost pages between the broker's PUBACK and its commit: publish the named pages that are still
     * in the outbox again at once (their ack timeout would make it wait half a minute). Pages already gone
     * (acknowledged, quarantined) are ignored; pages not yet published go out in order anyway.
     */
    private void resendRequested(SignedEnvelope e) {
        Decoded<ResendRequest> d = ResendRequest.from(e);
        if (!d.isOk() || !d.value().node().equals(config.node())) {
            refused(
                    true,
                    ackTopic,
                    d.isOk() ? "resend request for node " + d.value().node() : d.problem());
            return;
        }
        PublishWindow.Resent r = window.resend(d.value().pages());
        Logger.info(
                "node={} gateway asked for pages {}: {} published again, {} no longer held",
                config.node(),
                d.value().pages(),
                r.published(),
                r.gone());
        int published = r.published();
        journal(c -> EventJournal.add(c, Counter.PAGES_RESENT_ON_REQUEST, published));
    }

    private void ackReceived(Ack ack) {
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
        for (Ack.Rejection r : ack.rejected()) {
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
        window.acknowledged(ack);
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
