package org.ebc.gateway.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When each slot takes orders, closes, is delivered and is settled. Pure: every answer is a function of the
 * parameters and the instant asked about (the wiring passes its injected clock's {@code instant()}).
 *
 * <p>For a slot starting at {@code s} with length {@code L}, lead {@code g}, offer window {@code w}, horizon
 * {@code h} and grace {@code r}:
 *
 * <pre>
 *   opening          s − h·L        orders first taken (the slot is at most h slots ahead)
 *   request closure  s − g − w      posted mode: last instant (exclusive) for buy requests; the broadcast
 *   gate closure     s − g          last instant (exclusive) for orders; the slot is cleared
 *   start            s              delivery
 *   end              s + L
 *   settlement due   s + L + r      settle now even if border readings are missing
 * </pre>
 *
 * Each interval is closed at its start and open at its end: an order at exactly gate closure is late. In
 * auction mode the request closure is the gate closure. Settlement may also run earlier, as soon as all border
 * readings of the slot's participants are in; the wiring decides that.
 *
 * <p>Immutable; thread-safe.
 */
public final class MarketCalendar {
    private final MarketParameters parameters;
    private final long slotMs;
    private final long leadMs;
    private final long offerWindowMs;
    private final long graceMs;
    private final int horizon;

    /** @throws IllegalArgumentException if the parameters have a {@link MarketParameters#problem()} */
    public MarketCalendar(MarketParameters parameters) {
        Optional<ParameterProblem> problem = parameters.problem();
        if (problem.isPresent()) {
            throw new IllegalArgumentException("market parameters: "
                    + problem.get().key() + ": expected " + problem.get().expected());
        }
        this.parameters = parameters;
        this.slotMs = parameters.slotLength().toMillis();
        this.leadMs = parameters.gateLead().toMillis();
        this.offerWindowMs = parameters.mode() == MarketMode.POSTED
                ? parameters.offerWindow().toMillis()
                : 0;
        this.graceMs = parameters.settlementGrace().toMillis();
        this.horizon = parameters.horizonSlots();
    }

    public MarketParameters parameters() {
        return parameters;
    }

    /** The slot that contains {@code instant}. */
    public MarketSlot slotAt(Instant instant) {
        return MarketSlot.containing(instant, parameters.slotLength());
    }

    /**
     * The slot starting at {@code startMs} (as an order names it), or empty if no slot of this market starts
     * there. Never throws: the value may come from a hostile message.
     */
    public Optional<MarketSlot> slotStartingAt(long startMs) {
        return MarketSlot.isAligned(startMs, slotMs) ? Optional.of(new MarketSlot(startMs, slotMs)) : Optional.empty();
    }

    public Instant openingOf(MarketSlot slot) {
        return Instant.ofEpochMilli(slot.startMs() - horizon * slotMs);
    }

    /** Posted mode: buy requests are taken before this instant, and the demand is broadcast at it. */
    public Instant requestClosureOf(MarketSlot slot) {
        return Instant.ofEpochMilli(slot.startMs() - leadMs - offerWindowMs);
    }

    /** Orders are taken before this instant; the slot is cleared at it. */
    public Instant gateClosureOf(MarketSlot slot) {
        return Instant.ofEpochMilli(slot.startMs() - leadMs);
    }

    /** The slot's end border plus the grace: settlement no longer waits for missing border readings. */
    public Instant settlementDueOf(MarketSlot slot) {
        return Instant.ofEpochMilli(slot.endMs() + graceMs);
    }

    /** Where {@code slot} stands at {@code now}. */
    public SlotPhase phaseAt(MarketSlot slot, Instant now) {
        long t = now.toEpochMilli();
        long start = slot.startMs();
        if (t < start - horizon * slotMs) {
            return SlotPhase.NOT_OPEN;
        }
        if (t < start - leadMs - offerWindowMs) {
            return parameters.mode() == MarketMode.POSTED ? SlotPhase.REQUESTS : SlotPhase.OPEN;
        }
        if (t < start - leadMs) {
            return SlotPhase.OFFERS; // only reachable in posted mode: the offer window is 0 in auction mode
        }
        if (t < start) {
            return SlotPhase.GATE_CLOSED;
        }
        if (t < slot.endMs()) {
            return SlotPhase.DELIVERY;
        }
        if (t < slot.endMs() + graceMs) {
            return SlotPhase.AWAITING_READINGS;
        }
        return SlotPhase.SETTLEMENT_DUE;
    }

    /** Whether an order of {@code side} for {@code slot}, arriving at {@code now}, is on time. */
    public OrderTiming timingOf(MarketSlot slot, Side side, Instant now) {
        SlotPhase phase = phaseAt(slot, now);
        return switch (phase) {
            case NOT_OPEN -> OrderTiming.BEYOND_HORIZON;
            case OPEN -> OrderTiming.ON_TIME;
            case REQUESTS -> side == Side.BUY ? OrderTiming.ON_TIME : OrderTiming.OFFERS_NOT_OPEN;
            case OFFERS -> side == Side.SELL ? OrderTiming.ON_TIME : OrderTiming.REQUESTS_CLOSED;
            case GATE_CLOSED, DELIVERY, AWAITING_READINGS, SETTLEMENT_DUE -> OrderTiming.GATE_CLOSED;
        };
    }

    /** The slots taking orders of some kind at {@code now}, earliest first (at most the horizon's worth). */
    public List<MarketSlot> slotsTakingOrdersAt(Instant now) {
        List<MarketSlot> open = new ArrayList<>();
        MarketSlot current = slotAt(now);
        for (int k = 0; k <= horizon; k++) {
            MarketSlot s = current.plus(k);
            SlotPhase p = phaseAt(s, now);
            if (p == SlotPhase.OPEN || p == SlotPhase.REQUESTS || p == SlotPhase.OFFERS) {
                open.add(s);
            }
        }
        return open;
    }

    /**
     * The first instant after {@code now} at which some slot changes phase (an opening, request closure, gate
     * closure, start, end or settlement due), for a scheduler that wakes only when there is something to do.
     */
    public Instant nextTransitionAfter(Instant now) {
        long t = now.toEpochMilli();
        MarketSlot current = slotAt(now);
        // Slots whose settlement may still be ahead, up to the farthest slot whose opening may be ahead.
        long back = (graceMs / slotMs) + 2;
        long best = Long.MAX_VALUE;
        for (long k = -back; k <= horizon + 1; k++) {
            MarketSlot s = current.plus(k);
            long start = s.startMs();
            long[] borders = {
                start - horizon * slotMs,
                start - leadMs - offerWindowMs,
                start - leadMs,
                start,
                s.endMs(),
                s.endMs() + graceMs
            };
            for (long b : borders) {
                if (b > t && b < best) {
                    best = b;
                }
            }
        }
        return Instant.ofEpochMilli(best);
    }
}
