package org.ebc.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import org.ebc.json.StrictJson;

/**
 * An agent's informational status message ({@code ebc/v1/<eag>/meter/<node>/status}, published by the
 * agent every few seconds): shown on the bench, never trusted for energy or money.
 *
 * @param node the node id the message names
 * @param at when the agent took it (agent clock)
 * @param broker the agent's broker connection state ({@code connected}, {@code connecting} …)
 * @param lastPage the last page the agent signed
 * @param outbox records in its outbox, waiting for the gateway's acknowledgement
 * @param outboxFull whether new readings are not being signed because the outbox is full
 * @param inFlight records published and not yet acknowledged
 * @param quarantine records the gateway rejected
 * @param lastAckedPage highest page acknowledged as committed
 */
public record MeterStatus(
        String node,
        Instant at,
        String broker,
        long lastPage,
        long outbox,
        boolean outboxFull,
        long inFlight,
        long quarantine,
        long lastAckedPage) {

    /** Parses a status message; empty if it is not one (never throws). */
    public static Optional<MeterStatus> parse(byte[] json) {
        Optional<JsonNode> parsed = StrictJson.parseObject(json);
        if (parsed.isEmpty() || !"status".equals(StrictJson.text(parsed.get(), "typ"))) {
            return Optional.empty();
        }
        JsonNode j = parsed.get();
        String node = StrictJson.text(j, "node");
        String broker = StrictJson.text(j, "broker");
        Long ts = StrictJson.wholeNumber(j, "ts");
        Long lastPage = StrictJson.wholeNumber(j, "lastPage");
        Long outbox = StrictJson.wholeNumber(j, "outbox");
        Long inFlight = StrictJson.wholeNumber(j, "inFlight");
        Long quarantine = StrictJson.wholeNumber(j, "quarantine");
        Long acked = StrictJson.wholeNumber(j, "lastAckedPage");
        JsonNode full = j.get("outboxFull");
        if (node == null
                || broker == null
                || ts == null
                || lastPage == null
                || outbox == null
                || inFlight == null
                || quarantine == null
                || acked == null
                || full == null
                || !full.isBoolean()) {
            return Optional.empty();
        }
        return Optional.of(new MeterStatus(
                node,
                Instant.ofEpochMilli(ts),
                broker,
                lastPage,
                outbox,
                full.booleanValue(),
                inFlight,
                quarantine,
                acked));
    }

    public boolean connected() {
        return "connected".equals(broker);
    }
}
