package org.ebc.agent.delivery;

import java.util.function.Function;
import org.ebc.agent.trading.Trader;
import org.ebc.envelope.Decoded;
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
import org.ebc.units.NodeId;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * Hands the gateway's verified trading messages to the {@link Trader}: each kind only from its own topic
 * ({@code market/info|demand|result}, {@code node/<node>/receipt|allocation|bill|payment}), decoded strictly,
 * and, where the message names a node, only if it names this one. Anything else is refused with one log line
 * and changes nothing.
 *
 * <p>Runs on the agent thread.
 */
public final class GatewayInbox implements Courier.Inbox {
    private final NodeId node;
    private final Trader trader;
    private final String marketPrefix;
    private final String nodePrefix;

    public GatewayInbox(EagId eag, NodeId node, Trader trader) {
        this.node = node;
        this.trader = trader;
        this.marketPrefix = Topics.market(eag, "");
        String all = Topics.allForNode(eag, node); // ends in "/#"
        this.nodePrefix = all.substring(0, all.length() - 1);
    }

    @Override
    public boolean wantsMarket() {
        return true;
    }

    @Override
    public void connected() {
        trader.connected();
    }

    @Override
    public void message(String topic, SignedEnvelope e) {
        String leaf = topic.startsWith(marketPrefix)
                ? "market/" + topic.substring(marketPrefix.length())
                : topic.startsWith(nodePrefix) ? "node/" + topic.substring(nodePrefix.length()) : topic;
        String typ = e.type();
        switch (leaf + " " + typ) {
            case "market/info " + MarketInfo.TYPE -> decoded(topic, MarketInfo.from(e), trader::marketInfo);
            case "market/demand " + DemandNotice.TYPE -> decoded(topic, DemandNotice.from(e), trader::demand);
            case "market/result " + MarketResult.TYPE -> decoded(topic, MarketResult.from(e), trader::result);
            case "node/receipt " + Receipt.TYPE -> forThisNode(topic, Receipt.from(e), Receipt::node, trader::receipt);
            case "node/allocation " + NodeAllocation.TYPE ->
                forThisNode(topic, NodeAllocation.from(e), NodeAllocation::node, trader::allocation);
            case "node/bill " + Bill.TYPE -> decoded(topic, Bill.from(e), b -> trader.bill(b, e.raw()));
            case "node/payment " + CosignRequest.TYPE ->
                forThisNode(topic, CosignRequest.from(e), CosignRequest::node, r -> trader.cosignRequest(r, e.keyId()));
            case "node/payment " + BalanceNotice.TYPE ->
                forThisNode(topic, BalanceNotice.from(e), BalanceNotice::node, trader::balance);
            case "node/credit " + org.ebc.credit.CreditAnswer.TYPE ->
                forThisNode(
                        topic,
                        org.ebc.credit.CreditAnswer.from(e),
                        org.ebc.credit.CreditAnswer::node,
                        trader::creditAnswer);
            default -> refuse(topic, "a message of type " + typ + " does not belong on this topic");
        }
    }

    private <T> void forThisNode(
            String topic, Decoded<T> d, Function<T, NodeId> nodeOf, java.util.function.Consumer<T> use) {
        if (d.isOk() && !nodeOf.apply(d.value()).equals(node)) {
            refuse(topic, "addressed to node " + nodeOf.apply(d.value()));
            return;
        }
        decoded(topic, d, use);
    }

    private <T> void decoded(String topic, Decoded<T> d, java.util.function.Consumer<T> use) {
        if (!d.isOk()) {
            refuse(topic, d.problem());
            return;
        }
        use.accept(d.value());
    }

    private void refuse(String topic, String why) {
        Logger.warn("node={} message on {} refused: {}", node, topic, why);
    }
}
