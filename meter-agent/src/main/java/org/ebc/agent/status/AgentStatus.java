package org.ebc.agent.status;

import java.time.Instant;
import java.util.Optional;
import org.ebc.agent.config.AgentConfig;
import org.ebc.agent.delivery.Courier;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.trading.TradingSummary;
import org.ebc.json.StrictJson;

/**
 * The agent's operational status, published every few seconds on the node's {@code status} topic for the
 * gateway's bench and dashboards. Informational only: nothing about money or energy is ever decided on it
 * (the signed records are the evidence).
 *
 * @param node node id
 * @param eag gateway id
 * @param at when the status was taken (agent clock)
 * @param broker broker connection state
 * @param lastPage last page signed (0 = none yet)
 * @param registers durable registers, Wh
 * @param outboxDepth records waiting for the gateway's acknowledgement
 * @param outboxLimit the configured limit
 * @param outboxFull true while new readings are not signed because the outbox is full
 * @param inFlight records published and not yet acknowledged
 * @param quarantined records the gateway rejected
 * @param lastAckedPage highest page the gateway acknowledged as committed
 * @param republished records published again after an acknowledgement timeout, this run
 * @param eagCertificate whether a valid certificate of the gateway is known (without one no ack is believed)
 * @param trading the node's trading (orders, bills, balances, co-signatures, last allocation); empty when it
 *     does not trade
 */
public record AgentStatus(
        String node,
        String eag,
        Instant at,
        String broker,
        long lastPage,
        EnergyRegisters registers,
        long outboxDepth,
        long outboxLimit,
        boolean outboxFull,
        int inFlight,
        long quarantined,
        long lastAckedPage,
        long republished,
        boolean eagCertificate,
        Optional<TradingSummary> trading) {

    /** The live status, on the agent thread. */
    public static AgentStatus live(
            AgentConfig config,
            long lastPage,
            EnergyRegisters registers,
            Outbox outbox,
            Courier courier,
            boolean outboxFull,
            Optional<TradingSummary> trading,
            Instant now) {
        return new AgentStatus(
                config.node().value(),
                config.eag().value(),
                now,
                courier.state().label(),
                lastPage,
                registers,
                outbox.depth(),
                outbox.limit(),
                outboxFull,
                courier.inFlight(),
                outbox.quarantined(),
                courier.lastAckedPage(),
                courier.republished(),
                courier.hasEagCertificate(),
                trading);
    }

    public byte[] toJson() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", "status");
            g.writeStringField("node", node);
            g.writeStringField("eag", eag);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("broker", broker);
            g.writeNumberField("lastPage", lastPage);
            g.writeNumberField("importWh", registers.importEnergy().wh());
            g.writeNumberField("exportWh", registers.exportEnergy().wh());
            g.writeNumberField("outbox", outboxDepth);
            g.writeNumberField("outboxLimit", outboxLimit);
            g.writeBooleanField("outboxFull", outboxFull);
            g.writeNumberField("inFlight", inFlight);
            g.writeNumberField("quarantine", quarantined);
            g.writeNumberField("lastAckedPage", lastAckedPage);
            g.writeNumberField("republished", republished);
            g.writeBooleanField("eagCertificate", eagCertificate);
            if (trading.isPresent()) {
                TradingReport.json(g, trading.get());
            }
            g.writeEndObject();
        });
    }
}
