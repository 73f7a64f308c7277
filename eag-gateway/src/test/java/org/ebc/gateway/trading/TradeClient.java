package org.ebc.gateway.trading;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.CosignRequest;
import org.ebc.trade.Bill;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.MarketResult;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Receipt;
import org.ebc.units.EagId;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Stands in for the meters' side of the market in integration tests: publishes what nodes sign on their topics,
 * and collects everything the EAG publishes under {@code ebc/v1/<eag>/…}, each message verified with the EAG's
 * key before it is decoded (an unverified message is counted as a problem, never collected).
 */
public final class TradeClient implements AutoCloseable {
    public record Seen<T>(String topic, T message) {}

    final List<Seen<Receipt>> receipts = new CopyOnWriteArrayList<>();
    final List<Seen<NodeAllocation>> allocations = new CopyOnWriteArrayList<>();
    final List<Seen<Bill>> bills = new CopyOnWriteArrayList<>();
    final List<Seen<CosignRequest>> cosignRequests = new CopyOnWriteArrayList<>();
    final List<Seen<BalanceNotice>> balances = new CopyOnWriteArrayList<>();
    final List<Seen<org.ebc.credit.CreditAnswer>> credits = new CopyOnWriteArrayList<>();
    public final List<MarketResult> results = new CopyOnWriteArrayList<>();
    final List<DemandNotice> notices = new CopyOnWriteArrayList<>();
    final List<MarketInfo> infos = new CopyOnWriteArrayList<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    private final MqttClient client;
    private final PublicKey eagKey;

    public TradeClient(String brokerUri, EagId eag, PublicKey eagKey) throws MqttException {
        this.eagKey = eagKey;
        this.client = new MqttClient(brokerUri, "trade-client-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        client.connect(o);
        client.subscribe(Topics.ROOT + "/" + eag + "/node/#", 1, (t, m) -> node(t, m.getPayload()));
        client.subscribe(Topics.ROOT + "/" + eag + "/market/#", 1, (t, m) -> market(m.getPayload()));
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    private Optional<SignedEnvelope> verified(byte[] raw) {
        EnvelopeResult r =
                EnvelopeCodec.verify(raw, id -> id.equals(KeyId.of(eagKey)) ? Optional.of(eagKey) : Optional.empty());
        if (!r.isOk()) {
            problems.add("not signed by the EAG: " + r.reason() + " " + r.detail() + ": "
                    + new String(raw, StandardCharsets.UTF_8));
            return Optional.empty();
        }
        return Optional.of(r.envelope());
    }

    private void node(String topic, byte[] raw) {
        if (topic.endsWith("/ack")) {
            return;
        }
        verified(raw).ifPresent(e -> {
            switch (e.type()) {
                case Receipt.TYPE -> add(receipts, topic, e, Receipt::from);
                case NodeAllocation.TYPE -> add(allocations, topic, e, NodeAllocation::from);
                case Bill.TYPE -> add(bills, topic, e, Bill::from);
                case CosignRequest.TYPE -> add(cosignRequests, topic, e, CosignRequest::from);
                case BalanceNotice.TYPE -> add(balances, topic, e, BalanceNotice::from);
                case org.ebc.credit.CreditAnswer.TYPE -> add(credits, topic, e, org.ebc.credit.CreditAnswer::from);
                default -> problems.add("unexpected " + e.type() + " on " + topic);
            }
        });
    }

    private void market(byte[] raw) {
        verified(raw).ifPresent(e -> {
            switch (e.type()) {
                case MarketResult.TYPE -> MarketResult.from(e).map(results::add);
                case DemandNotice.TYPE -> DemandNotice.from(e).map(notices::add);
                case MarketInfo.TYPE -> MarketInfo.from(e).map(infos::add);
                default -> problems.add("unexpected " + e.type() + " on the market topic");
            }
        });
    }

    private <T> void add(
            List<Seen<T>> list, String topic, SignedEnvelope e, Function<SignedEnvelope, Decoded<T>> decode) {
        Decoded<T> d = decode.apply(e);
        if (d.isOk()) {
            list.add(new Seen<>(topic, d.value()));
        } else {
            problems.add(e.type() + " does not decode: " + d.problem());
        }
    }

    /** The receipt the EAG sent about {@code ref}, if it came yet. */
    public Optional<Receipt> receipt(String about, String ref) {
        return receipts.stream()
                .map(Seen::message)
                .filter(r -> r.about().equals(about) && r.ref().equals(ref))
                .reduce((a, b) -> b);
    }

    static KeyId keyId(KeyPair k) {
        return KeyId.of(k.getPublic());
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
