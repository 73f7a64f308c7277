package org.ebc.gateway.trading;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Member;
import org.ebc.credit.BlacklistNotice;
import org.ebc.credit.CreditAnswer;
import org.ebc.credit.CreditMessage;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.gateway.credit.BlacklistEntry;
import org.ebc.gateway.credit.BorrowerStanding;
import org.ebc.gateway.credit.CreditBank;
import org.ebc.gateway.credit.CreditOutcome;
import org.ebc.gateway.credit.CreditRefusal;
import org.ebc.gateway.credit.Loan;
import org.ebc.gateway.credit.TokenPayment;
import org.ebc.gateway.credit.TokenRequest;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * The credit bank on the broker: nodes' signed {@link CreditMessage}s on {@code ebc/v1/<eag>/meter/<node>/credit}
 * go to the {@link CreditBank} (on one thread), its answers go back signed on {@code ebc/v1/<eag>/node/<node>/credit}
 * (for a credit payment to the seller, and with the new token to the borrower); every {@code sweepEvery} the bank's
 * deadlines are swept and a borrower written off is broadcast on {@code ebc/v1/consortium/<eag>/credit-blacklist};
 * other EAGs' broadcasts, checked against the genesis's EAG keys, reach this bank's blacklist.
 *
 * <p>Bad input never reaches the bank: a message that is not a signed envelope of the topic's node, or whose
 * sequence number is not above the node's last, is refused with a reason, counted ({@link #refusals()}) and logged
 * once per node and reason; the desk keeps running.
 */
public final class CreditDesk implements AutoCloseable {

    /** The account pool's view of a node, for the desk. */
    public interface Members {
        /** The key of the node's valid, unrevoked certificate; empty if the node is not registered here. */
        Optional<PublicKey> key(NodeId node);

        /** Step 2's facts about the node. */
        BorrowerStanding standing(NodeId node);
    }

    /**
     * What the desk asks of the bank. {@link #direct} calls a {@link CreditBank} on the desk's own thread, its coins
     * wherever its {@code Coins} port keeps them; {@link HostedCredit} runs it on the transaction server's thread over
     * the payment core, as {@code eag-gateway run} does.
     */
    public interface Bank {
        /** Takes the node's message sequence number if it rises (durably); false for a replay. */
        boolean admitMessage(NodeId node, long seq);

        CreditOutcome requestToken(TokenRequest r);

        /** @param from the node the payment came from: the seller forwarding the token, or the borrower */
        CreditOutcome pay(NodeId from, TokenPayment p);

        Optional<Loan> loan(String tokenId);

        CreditOutcome repay(String tokenId, org.ebc.wallet.WalletAddress from);

        void blacklisted(BlacklistEntry entry);

        CreditOutcome sweep();

        /** The node's credit value on the bank's record (every answer tells the node: a request must state it). */
        long creditOf(NodeId node);

        /** The bank called on the desk's thread; a payment must go to the forwarding node's own address. */
        static Bank direct(CreditBank bank, Members members) {
            return new Bank() {
                @Override
                public boolean admitMessage(NodeId node, long seq) {
                    return bank.admitMessage(node, seq);
                }

                @Override
                public CreditOutcome requestToken(TokenRequest r) {
                    return bank.requestToken(r, members.standing(r.borrower()));
                }

                @Override
                public CreditOutcome pay(NodeId from, TokenPayment p) {
                    if (!members.standing(from).addresses().contains(p.seller())) {
                        return CreditOutcome.refusedBy(
                                CreditRefusal.FOREIGN_ADDRESS, p.seller() + " is not " + from + "'s");
                    }
                    return bank.pay(p);
                }

                @Override
                public Optional<Loan> loan(String tokenId) {
                    return bank.loan(tokenId);
                }

                @Override
                public CreditOutcome repay(String tokenId, org.ebc.wallet.WalletAddress from) {
                    return bank.repay(tokenId, from);
                }

                @Override
                public void blacklisted(BlacklistEntry entry) {
                    bank.blacklisted(entry);
                }

                @Override
                public CreditOutcome sweep() {
                    return bank.sweep();
                }

                @Override
                public long creditOf(NodeId node) {
                    return bank.creditValue(node);
                }
            };
        }
    }

    /** Why a message did not reach the bank. */
    public enum Refusal {
        MALFORMED,
        UNKNOWN_NODE,
        BAD_SIGNATURE,
        REPLAYED,
        NOT_A_MEMBER
    }

    private final EagId eag;
    private final KeyPair eagKeys;
    private final KeyId eagKeyId;
    private final Bank bank;
    private final Members members;
    private final Consortium consortium;
    private final Clock clock;
    private final MqttAsyncClient mqtt;
    private final ScheduledExecutorService thread;
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
    private final Map<String, LongAdder> bankRefusals = new ConcurrentHashMap<>();
    private final Set<String> logged = new HashSet<>();
    private final Duration sweepEvery;
    private long seq;

    public CreditDesk(
            EagId eag,
            KeyPair eagKeys,
            CreditBank bank,
            Members members,
            Consortium consortium,
            String brokerUrl,
            Clock clock,
            Duration sweepEvery)
            throws MqttException {
        this(eag, eagKeys, Bank.direct(bank, members), members, consortium, brokerUrl, clock, sweepEvery);
    }

    public CreditDesk(
            EagId eag,
            KeyPair eagKeys,
            Bank bank,
            Members members,
            Consortium consortium,
            String brokerUrl,
            Clock clock,
            Duration sweepEvery)
            throws MqttException {
        this.eag = eag;
        this.eagKeys = eagKeys;
        this.eagKeyId = KeyId.of(eagKeys.getPublic());
        this.bank = bank;
        this.members = members;
        this.consortium = consortium;
        this.clock = clock;
        this.sweepEvery = sweepEvery;
        for (Refusal r : Refusal.values()) {
            refusals.put(r, new LongAdder());
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ebc-credit-desk-" + eag.value());
            t.setDaemon(true);
            return t;
        });
        this.mqtt = new MqttAsyncClient(brokerUrl, "ebc-credit-" + eag.value(), new MemoryPersistence());
        this.seq = clock.millis();
    }

    /** Connects, subscribes, and starts the sweeps. */
    public void start(MqttConnectOptions options) throws MqttException {
        options.setCleanSession(true);
        if (options.getSocketFactory() == null) {
            // Plain TCP without a factory of the caller's: TCP_NODELAY, or Nagle adds ~40 ms to every hop.
            options.setSocketFactory(org.ebc.wire.NoDelaySockets.plain());
        }
        options.setAutomaticReconnect(true);
        mqtt.setCallback(new Inbound());
        mqtt.connect(options).waitForCompletion(30_000);
        subscribe();
        var unused = thread.scheduleWithFixedDelay(
                this::sweep, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
        Logger.info("credit desk of {} listening (sweep every {} ms)", eag, sweepEvery.toMillis());
    }

    private void subscribe() throws MqttException {
        mqtt.subscribe(
                        new String[] {
                            Topics.allMeters(eag, Topics.MeterMessage.CREDIT),
                            Topics.consortium("+/" + BlacklistNotice.TYPE)
                        },
                        new int[] {1, 1})
                .waitForCompletion(30_000);
    }

    /** Messages refused before the bank, by reason. */
    public Map<Refusal, Long> refusals() {
        Map<Refusal, Long> out = new EnumMap<>(Refusal.class);
        refusals.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The bank's refusals, by reason name. */
    public Map<String, Long> bankRefusals() {
        Map<String, Long> out = new HashMap<>();
        bankRefusals.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void refuse(Refusal r, String who, String detail) {
        refusals.get(r).increment();
        if (logged.add(who + "/" + r)) {
            Logger.warn(
                    "credit desk: refused a message from {}: {} ({}); further ones are counted, not logged",
                    who,
                    r,
                    detail);
        }
    }

    private void onCredit(String topic, byte[] raw) {
        Optional<Topics.MeterTopic> t = Topics.parseMeterTopic(topic);
        if (t.isEmpty()
                || t.get().kind() != Topics.MeterMessage.CREDIT
                || !t.get().eag().equals(eag)) {
            refuse(Refusal.MALFORMED, topic, "not a credit topic of " + eag);
            return;
        }
        NodeId node = t.get().node();
        Optional<PublicKey> key = members.key(node);
        if (key.isEmpty()) {
            refuse(Refusal.UNKNOWN_NODE, node.value(), "not registered at " + eag);
            return;
        }
        EnvelopeResult v = EnvelopeCodec.verify(raw, k -> k.equals(KeyId.of(key.get())) ? key : Optional.empty());
        if (!v.isOk()) {
            refuse(Refusal.BAD_SIGNATURE, node.value(), v.reason() + " " + v.detail());
            return;
        }
        Decoded<CreditMessage> d = CreditMessage.from(v.envelope());
        if (!d.isOk() || !d.value().node().equals(node)) {
            refuse(Refusal.MALFORMED, node.value(), d.isOk() ? "from another node than the topic's" : d.problem());
            return;
        }
        CreditMessage m = d.value();
        if (!bank.admitMessage(node, m.seq())) {
            refuse(Refusal.REPLAYED, node.value(), "seq " + m.seq() + " is not above the node's last");
            return;
        }
        switch (m) {
            case CreditMessage.Request r -> {
                CreditOutcome o =
                        bank.requestToken(new TokenRequest(node, r.addresses(), r.amount(), r.credit(), r.repayFrom()));
                answer(node, m.seq(), "request", o, true);
            }
            case CreditMessage.Pay p -> {
                // Who may forward it and which bill it may pay is the bank's adapter's to check (Bank.direct: the
                // forwarding seller's own address; HostedCredit: the transaction server's open bill).
                CreditOutcome o = bank.pay(node, new TokenPayment(p.token(), p.to(), p.bill(), p.amount()));
                Loan l = o.loan();
                // Step 4: the borrower gets the new token, in the answer if it presented the token itself.
                answer(
                        node,
                        m.seq(),
                        "pay",
                        o,
                        l != null && l.token().borrower().equals(node));
                if (o.accepted() && l != null && !l.token().borrower().equals(node)) {
                    // Step 4: the borrower gets the new token.
                    answer(l.token().borrower(), 0, "notice", o, true);
                }
            }
            case CreditMessage.Repay r -> {
                if (!members.standing(node).addresses().contains(r.from())) {
                    refuseHere(
                            node, m.seq(), "repay", CreditRefusal.FOREIGN_ADDRESS, r.from() + " is not " + node + "'s");
                    return;
                }
                Optional<Loan> loan = bank.loan(r.loan());
                if (loan.isPresent() && !loan.get().token().borrower().equals(node)) {
                    refuseHere(
                            node,
                            m.seq(),
                            "repay",
                            CreditRefusal.UNKNOWN_TOKEN,
                            r.loan() + " is not " + node + "'s loan");
                    return;
                }
                answer(node, m.seq(), "repay", bank.repay(r.loan(), r.from()), true);
            }
        }
    }

    /** A refusal the desk decides before the bank (the node named an address or a loan not its own). */
    private void refuseHere(NodeId to, long re, String op, CreditRefusal reason, String detail) {
        answer(to, re, op, CreditOutcome.refusedBy(reason, detail), false);
    }

    private void answer(NodeId to, long re, String op, CreditOutcome o, boolean withToken) {
        if (!o.accepted()) {
            bankRefusals
                    .computeIfAbsent(String.valueOf(o.refusal()), k -> new LongAdder())
                    .increment();
        }
        Loan l = o.loan();
        byte[] token = withToken && o.accepted() && l != null ? l.signed() : new byte[0];
        CreditAnswer a = new CreditAnswer(
                eag,
                ++seq,
                clock.instant(),
                to,
                re,
                op,
                o.accepted() ? CreditAnswer.OK : String.valueOf(o.refusal()),
                o.detail(),
                bank.creditOf(to),
                token);
        publish(Topics.node(eag, to, Topics.NodeMessage.CREDIT), a.sign(eagKeys.getPrivate(), eagKeyId));
    }

    private void onBlacklist(byte[] raw) {
        EnvelopeResult v =
                EnvelopeCodec.verify(raw, k -> consortium.memberByKey(k).map(Member::publicKey));
        if (!v.isOk()) {
            refuse(Refusal.NOT_A_MEMBER, "consortium", v.reason() + " " + v.detail());
            return;
        }
        Decoded<BlacklistNotice> d = BlacklistNotice.from(v.envelope());
        Optional<Member> signer = consortium.memberByKey(v.envelope().keyId());
        if (!d.isOk() || signer.isEmpty() || !signer.get().id().equals(d.value().eag())) {
            refuse(Refusal.MALFORMED, "consortium", d.isOk() ? "signed by another EAG than it names" : d.problem());
            return;
        }
        BlacklistNotice n = d.value();
        if (n.eag().equals(eag)) {
            return; // our own broadcast, echoed
        }
        bank.blacklisted(new BlacklistEntry(n.node(), n.eag(), n.token(), n.at()));
        Logger.info("credit desk: {} blacklisted {} (loan {}); refused here from now on", n.eag(), n.node(), n.token());
    }

    private void sweep() {
        try {
            CreditOutcome o = bank.sweep();
            for (BlacklistEntry e : o.blacklisted()) {
                BlacklistNotice n = new BlacklistNotice(eag, ++seq, e.at(), e.node(), e.token());
                publish(Topics.consortium(eag, BlacklistNotice.TYPE), n.sign(eagKeys.getPrivate(), eagKeyId));
                Logger.warn(
                        "credit desk: {} defaulted on {}: written off and blacklisted consortium-wide",
                        e.node(),
                        e.token());
            }
        } catch (RuntimeException e) {
            Logger.error(e, "credit desk: the sweep failed");
        }
    }

    private void publish(String topic, byte[] payload) {
        try {
            mqtt.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            Logger.warn("credit desk: could not publish on {}: {}", topic, e.getMessage());
        }
    }

    private final class Inbound implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                try {
                    subscribe();
                } catch (MqttException e) {
                    Logger.warn("credit desk: could not subscribe again: {}", e.getMessage());
                }
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            Logger.warn("credit desk: lost the broker ({}); reconnecting", cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] raw = message.getPayload();
            thread.execute(() -> {
                try {
                    if (topic.endsWith("/" + BlacklistNotice.TYPE)) {
                        onBlacklist(raw);
                    } else {
                        onCredit(topic, raw);
                    }
                } catch (RuntimeException e) {
                    Logger.error(e, "credit desk: a message on {} failed", topic);
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            mqtt.disconnectForcibly(0, 5000, false);
            mqtt.close(true);
        } catch (MqttException e) {
            // best effort
        }
    }
}
