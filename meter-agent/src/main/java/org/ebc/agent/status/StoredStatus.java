package org.ebc.agent.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.Counter;
import org.ebc.agent.store.EventJournal;
import org.ebc.agent.store.LinkStore;
import org.ebc.agent.store.MeterState;
import org.ebc.agent.store.MeterStateStore;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.store.SqliteTradeLedger;
import org.ebc.agent.trading.TradingSummary;
import org.ebc.json.StrictJson;

/**
 * What {@code meter-agent status} shows, read from the agent's SQLite file (read-only, so it works while the
 * agent runs): registers, page counter, outbox depth and page range, quarantine, broker state, last
 * acknowledgement, counters, the latest events, and the trading records (orders, bills, balances,
 * co-signatures, last allocation).
 *
 * @param state registers and page counter
 * @param outboxDepth records in the outbox
 * @param outboxFirst lowest page in the outbox (0 when empty)
 * @param outboxLast highest page in the outbox (0 when empty)
 * @param quarantineCount records in quarantine
 * @param link broker state and last acknowledgement, if the agent ever ran
 * @param agentRunning whether the process recorded in the file is alive
 * @param counters running totals
 * @param quarantine the latest quarantined records
 * @param events the latest events, newest first
 * @param trading the trader's records (schema version 2 on), if the file has them
 */
public record StoredStatus(
        MeterState state,
        long outboxDepth,
        long outboxFirst,
        long outboxLast,
        long quarantineCount,
        Optional<LinkStore.Link> link,
        boolean agentRunning,
        Map<Counter, Long> counters,
        List<Outbox.Quarantined> quarantine,
        List<EventJournal.Entry> events,
        Optional<TradingSummary> trading) {

    /**
     * Reads the status in one read transaction, so the figures agree with each other; empty while the agent
     * has created its file but not yet its meter state (it is starting).
     */
    public static Optional<StoredStatus> read(AgentDatabase db, int latest) {
        boolean trades = db.schemaVersion() >= 2;
        return db.inTransaction(c -> {
            Optional<MeterState> loaded = MeterStateStore.load(c);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            MeterState state = loaded.get();
            long depth;
            long first;
            long last;
            try (var s = c.createStatement();
                    var rs = s.executeQuery(
                            "SELECT COUNT(*), COALESCE(MIN(page), 0), COALESCE(MAX(page), 0) FROM outbox")) {
                rs.next();
                depth = rs.getLong(1);
                first = rs.getLong(2);
                last = rs.getLong(3);
            }
            long quarantined;
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM quarantine")) {
                rs.next();
                quarantined = rs.getLong(1);
            }
            Optional<LinkStore.Link> link = LinkStore.load(c);
            boolean running = link.map(l -> ProcessHandle.of(l.pid())
                            .map(ProcessHandle::isAlive)
                            .orElse(false))
                    .orElse(false);
            Optional<TradingSummary> trading =
                    trades ? Optional.of(TradingSummary.stored(new SqliteTradeLedger(db), latest)) : Optional.empty();
            return Optional.of(new StoredStatus(
                    state,
                    depth,
                    first,
                    last,
                    quarantined,
                    link,
                    running,
                    EventJournal.counters(c),
                    Outbox.quarantine(c, latest),
                    EventJournal.latest(c, latest),
                    trading));
        });
    }

    /** What {@code status} says about a data directory whose agent has not started (yet). */
    public static String notStartedText(java.nio.file.Path database) {
        return "agent:        not started yet (no agent data at " + database + ")\n";
    }

    /** The JSON form of {@link #notStartedText}. */
    public static byte[] notStartedJson(java.nio.file.Path database) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("started", false);
            g.writeStringField("database", database.toString());
            g.writeEndObject();
        });
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        line(b, "node", state.node() + " (meter " + state.meter() + ")");
        line(
                b,
                "agent",
                link.map(l -> (agentRunning ? "running" : "not running") + ", pid " + l.pid())
                        .orElse("never started"));
        line(
                b,
                "registers",
                "import " + state.registers().importEnergy().wh() + " Wh, export "
                        + state.registers().exportEnergy().wh() + " Wh (at " + state.updated() + ")");
        line(
                b,
                "page counter",
                "last signed " + state.lastPage() + ", next " + state.nextPage().value());
        line(
                b,
                "outbox",
                outboxDepth + " records" + (outboxDepth > 0 ? " (pages " + outboxFirst + ".." + outboxLast + ")" : ""));
        line(b, "quarantine", quarantineCount + " records");
        line(
                b,
                "broker",
                link.map(l -> l.brokerState() + (agentRunning ? "" : " (as last recorded)") + " since "
                                + l.brokerSince())
                        .orElse("-"));
        line(
                b,
                "gateway cert",
                link.flatMap(LinkStore.Link::eagCertificate).isPresent()
                        ? "accepted (kept in the file)"
                        : "none yet (acknowledgements cannot be verified until the gateway's certificate arrives)");
        line(
                b,
                "last ack",
                link.filter(l -> l.lastAck().toEpochMilli() > 0)
                        .map(l -> "page " + l.lastAckedPage() + " at " + l.lastAck())
                        .orElse("none yet"));
        line(
                b,
                "outbox full",
                counters.get(Counter.OUTBOX_FULL_EVENTS) + " times, "
                        + counters.get(Counter.READINGS_SKIPPED_OUTBOX_FULL)
                        + " readings not signed (energy kept in the registers)");
        b.append("counters:\n");
        for (Map.Entry<Counter, Long> e : counters.entrySet()) {
            b.append(String.format("  %-36s %d%n", e.getKey().key(), e.getValue()));
        }
        if (!quarantine.isEmpty()) {
            b.append("quarantined records (latest first):\n");
            for (Outbox.Quarantined q : quarantine) {
                b.append("  page ")
                        .append(q.page())
                        .append(" read ")
                        .append(q.readAt())
                        .append(": ")
                        .append(q.reason())
                        .append(q.detail().isEmpty() ? "" : " (" + q.detail() + ")")
                        .append('\n');
            }
        }
        trading.ifPresent(t -> TradingReport.text(b, t));
        if (!events.isEmpty()) {
            b.append("events (latest first):\n");
            for (EventJournal.Entry e : events) {
                b.append("  ")
                        .append(e.at())
                        .append(' ')
                        .append(e.kind())
                        .append(": ")
                        .append(e.detail())
                        .append('\n');
            }
        }
        return b.toString();
    }

    public byte[] toJson() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("started", true);
            g.writeStringField("node", state.node().value());
            g.writeStringField("meter", state.meter().value());
            g.writeBooleanField("agentRunning", agentRunning);
            g.writeNumberField("importWh", state.registers().importEnergy().wh());
            g.writeNumberField("exportWh", state.registers().exportEnergy().wh());
            g.writeNumberField("lastPage", state.lastPage());
            g.writeNumberField("nextPage", state.nextPage().value());
            g.writeNumberField("outbox", outboxDepth);
            g.writeNumberField("outboxFirstPage", outboxFirst);
            g.writeNumberField("outboxLastPage", outboxLast);
            g.writeNumberField("quarantine", quarantineCount);
            g.writeStringField("broker", link.map(LinkStore.Link::brokerState).orElse("never started"));
            g.writeNumberField(
                    "lastAckedPage", link.map(LinkStore.Link::lastAckedPage).orElse(0L));
            g.writeNumberField(
                    "lastAckMillis", link.map(l -> l.lastAck().toEpochMilli()).orElse(0L));
            g.writeObjectFieldStart("counters");
            for (Map.Entry<Counter, Long> e : counters.entrySet()) {
                g.writeNumberField(e.getKey().key(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("quarantined");
            for (Outbox.Quarantined q : quarantine) {
                g.writeStartObject();
                g.writeNumberField("page", q.page());
                g.writeStringField("reason", q.reason());
                g.writeStringField("detail", q.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (EventJournal.Entry e : events) {
                g.writeStartObject();
                g.writeNumberField("at", e.at().toEpochMilli());
                g.writeStringField("kind", e.kind());
                g.writeStringField("detail", e.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (trading.isPresent()) {
                TradingReport.json(g, trading.get());
            }
            g.writeEndObject();
        });
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format("%-13s %s%n", label + ":", value));
    }
}
