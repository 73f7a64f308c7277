package org.ebc.gateway.consensus.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.ebc.consensus.MessageKind;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * The simulated consortium network: every EAG reaches every other through it, with the delays, losses
 * and repeats of its {@link NetworkConditions}, unless a partition separates them. Seeded.
 */
public final class Network {
    private final Simulation simulation;
    private final RandomGenerator random;
    private final Map<EagId, SimulatedEag> eags = new LinkedHashMap<>();
    private final MessageStats stats = new MessageStats();
    private NetworkConditions conditions;
    private @Nullable List<Set<EagId>> partition;

    Network(Simulation simulation, RandomGenerator random, NetworkConditions conditions) {
        this.simulation = simulation;
        this.random = random;
        this.conditions = conditions;
    }

    void attach(SimulatedEag eag) {
        eags.put(eag.id(), eag);
    }

    public void setConditions(NetworkConditions conditions) {
        this.conditions = conditions;
    }

    /** Splits the EAGs into groups that cannot reach each other (an EAG in no group reaches nobody). */
    public void partition(List<Set<EagId>> groups) {
        this.partition = List.copyOf(groups);
    }

    public void heal() {
        this.partition = null;
    }

    public boolean connected(EagId a, EagId b) {
        List<Set<EagId>> p = partition;
        if (p == null) {
            return true;
        }
        for (Set<EagId> group : p) {
            if (group.contains(a) && group.contains(b)) {
                return true;
            }
        }
        return false;
    }

    public MessageStats stats() {
        return stats;
    }

    void broadcast(EagId from, MessageKind kind, byte[] raw) {
        stats.countPublished(from, kind);
        for (EagId to : eags.keySet()) {
            if (!to.equals(from)) {
                carry(from, to, kind, raw);
            }
        }
    }

    void send(EagId from, EagId to, MessageKind kind, byte[] raw) {
        stats.countPublished(from, kind);
        if (!to.equals(from) && eags.containsKey(to)) {
            carry(from, to, kind, raw);
        }
    }

    /** The {@code h} a message names, read without verifying it (for the statistics only); -1 if none. */
    private static long heightOf(byte[] raw) {
        EnvelopeResult framed = EnvelopeCodec.frame(raw, Integer.MAX_VALUE);
        if (!framed.isOk()) {
            return -1;
        }
        Long h = StrictJson.parseObject(framed.envelope().payloadBytes())
                .map(p -> StrictJson.wholeNumber(p, "h"))
                .orElse(null);
        return h == null ? -1 : h;
    }

    private void carry(EagId from, EagId to, MessageKind kind, byte[] raw) {
        if (!connected(from, to) || random.nextDouble() < conditions.drop()) {
            stats.countDropped();
            return;
        }
        int copies = random.nextDouble() < conditions.duplicate() ? 2 : 1;
        for (int c = 0; c < copies; c++) {
            long delay = conditions.minDelayMillis()
                    + random.nextLong(conditions.maxDelayMillis() - conditions.minDelayMillis() + 1);
            simulation.after(delay, () -> {
                // A partition made while the message was on its way still stops it.
                if (connected(from, to) && eags.get(to).deliver(raw)) {
                    stats.countDelivered(kind, raw.length, heightOf(raw));
                }
            });
        }
    }
}
