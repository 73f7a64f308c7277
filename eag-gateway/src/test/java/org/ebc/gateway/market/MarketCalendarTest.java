package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketCalendarTest {
    /** Slot 16:00–16:15; gate closure 15:55; request closure 15:53; opening 15:00; settlement due 16:17. */
    private static final MarketSlot SLOT = MarketFixtures.SLOT;

    private final MarketCalendar posted = new MarketCalendar(MarketParameters.DEFAULTS);
    private final MarketCalendar auction =
            new MarketCalendar(MarketParameters.DEFAULTS.withRules(MarketMode.AUCTION, Pricing.PAY_AS_CLEAR));

    @Test
    void slotsStartAtWholeMultiplesOfTheirLengthSinceTheEpoch() {
        Instant t = Instant.parse("2025-11-24T16:07:31.250Z");

        assertThat(posted.slotAt(t)).isEqualTo(SLOT);
        assertThat(posted.slotAt(Instant.parse("2025-11-24T16:00:00Z"))).isEqualTo(SLOT);
        assertThat(posted.slotAt(Instant.parse("2025-11-24T15:59:59.999Z"))).isEqualTo(SLOT.plus(-1));
        assertThat(posted.slotStartingAt(SLOT.startMs())).contains(SLOT);
        assertThat(posted.slotStartingAt(SLOT.startMs() + 1)).isEmpty();
        assertThat(posted.slotStartingAt(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theCalendarInstantsFollowFromLeadWindowHorizonAndGrace() {
        assertThat(posted.openingOf(SLOT)).isEqualTo(Instant.parse("2025-11-24T15:00:00Z"));
        assertThat(posted.requestClosureOf(SLOT)).isEqualTo(Instant.parse("2025-11-24T15:53:00Z"));
        assertThat(posted.gateClosureOf(SLOT)).isEqualTo(Instant.parse("2025-11-24T15:55:00Z"));
        assertThat(posted.settlementDueOf(SLOT)).isEqualTo(Instant.parse("2025-11-24T16:17:00Z"));
        assertThat(auction.requestClosureOf(SLOT)).isEqualTo(auction.gateClosureOf(SLOT));
    }

    @Test
    void postedModeTakesBuyRequestsUntilTheRequestClosureThenSellOffersUntilGateClosure() {
        Instant requests = Instant.parse("2025-11-24T15:52:59.999Z");
        Instant broadcast = Instant.parse("2025-11-24T15:53:00Z");
        Instant lastOffer = Instant.parse("2025-11-24T15:54:59.999Z");

        assertThat(posted.timingOf(SLOT, Side.BUY, requests)).isEqualTo(OrderTiming.ON_TIME);
        assertThat(posted.timingOf(SLOT, Side.SELL, requests)).isEqualTo(OrderTiming.OFFERS_NOT_OPEN);
        assertThat(posted.timingOf(SLOT, Side.BUY, broadcast)).isEqualTo(OrderTiming.REQUESTS_CLOSED);
        assertThat(posted.timingOf(SLOT, Side.SELL, broadcast)).isEqualTo(OrderTiming.ON_TIME);
        assertThat(posted.timingOf(SLOT, Side.SELL, lastOffer)).isEqualTo(OrderTiming.ON_TIME);
        assertThat(posted.phaseAt(SLOT, requests)).isEqualTo(SlotPhase.REQUESTS);
        assertThat(posted.phaseAt(SLOT, broadcast)).isEqualTo(SlotPhase.OFFERS);
    }

    @Test
    void anOrderAtExactlyGateClosureIsLate() {
        Instant gate = Instant.parse("2025-11-24T15:55:00Z");

        for (Side side : Side.values()) {
            assertThat(posted.timingOf(SLOT, side, gate)).isEqualTo(OrderTiming.GATE_CLOSED);
            assertThat(auction.timingOf(SLOT, side, gate)).isEqualTo(OrderTiming.GATE_CLOSED);
            assertThat(auction.timingOf(SLOT, side, gate.minusMillis(1))).isEqualTo(OrderTiming.ON_TIME);
            assertThat(auction.timingOf(SLOT, side, Instant.parse("2025-11-24T16:20:00Z")))
                    .isEqualTo(OrderTiming.GATE_CLOSED);
        }
    }

    @Test
    void anOrderMoreThanTheHorizonAheadIsTooEarly() {
        Instant opening = Instant.parse("2025-11-24T15:00:00Z");

        assertThat(auction.timingOf(SLOT, Side.BUY, opening.minusMillis(1))).isEqualTo(OrderTiming.BEYOND_HORIZON);
        assertThat(auction.timingOf(SLOT, Side.SELL, opening)).isEqualTo(OrderTiming.ON_TIME);
        assertThat(posted.timingOf(SLOT, Side.SELL, opening.minusMillis(1))).isEqualTo(OrderTiming.BEYOND_HORIZON);
    }

    @Test
    void afterGateClosureTheSlotIsDeliveredThenAwaitsReadingsThenIsDueForSettlement() {
        assertThat(posted.phaseAt(SLOT, Instant.parse("2025-11-24T15:59:59Z"))).isEqualTo(SlotPhase.GATE_CLOSED);
        assertThat(posted.phaseAt(SLOT, Instant.parse("2025-11-24T16:00:00Z"))).isEqualTo(SlotPhase.DELIVERY);
        assertThat(posted.phaseAt(SLOT, Instant.parse("2025-11-24T16:15:00Z"))).isEqualTo(SlotPhase.AWAITING_READINGS);
        assertThat(posted.phaseAt(SLOT, Instant.parse("2025-11-24T16:17:00Z"))).isEqualTo(SlotPhase.SETTLEMENT_DUE);
        assertThat(posted.phaseAt(SLOT, Instant.parse("2025-11-24T14:59:59Z"))).isEqualTo(SlotPhase.NOT_OPEN);
    }

    @Test
    void theSlotsTakingOrdersAreTheNextOnesUpToTheHorizon() {
        // 15:56: the 16:00 slot's gate has closed; 16:15, 16:30, 16:45 are open (16:45 opened at 15:45).
        List<MarketSlot> open = auction.slotsTakingOrdersAt(Instant.parse("2025-11-24T15:56:00Z"));

        assertThat(open).containsExactly(SLOT.plus(1), SLOT.plus(2), SLOT.plus(3));
        assertThat(auction.slotsTakingOrdersAt(Instant.parse("2025-11-24T16:00:00Z")))
                .containsExactly(SLOT.plus(1), SLOT.plus(2), SLOT.plus(3), SLOT.plus(4));
    }

    @Test
    void theNextTransitionIsTheFirstInstantAtWhichSomeSlotChangesPhase() {
        // Seconds-long slots as in the bench: every transition of 40 s is checked against a brute-force scan.
        MarketParameters p = new MarketParameters(
                MarketMode.POSTED,
                Pricing.PAY_AS_CLEAR,
                Duration.ofSeconds(4),
                Duration.ofMillis(1500),
                Duration.ofMillis(700),
                Duration.ofMillis(5300),
                3,
                MarketParameters.DEFAULTS.retailTariff(),
                MarketParameters.DEFAULTS.feedInTariff(),
                MarketParameters.DEFAULTS.maxOrderEnergy(),
                MarketParameters.DEFAULTS.maxLimitPrice());
        MarketCalendar c = new MarketCalendar(p);
        long from = SLOT.startMs();
        List<MarketSlot> slots = new ArrayList<>();
        for (int k = -5; k <= 20; k++) {
            slots.add(c.slotAt(Instant.ofEpochMilli(from)).plus(k));
        }
        long t = from;
        int transitions = 0;
        while (t < from + 40_000) {
            long next = c.nextTransitionAfter(Instant.ofEpochMilli(t)).toEpochMilli();
            long firstChange = Long.MAX_VALUE;
            for (long u = t + 1; u <= next && firstChange == Long.MAX_VALUE; u++) {
                for (MarketSlot s : slots) {
                    if (c.phaseAt(s, Instant.ofEpochMilli(u)) != c.phaseAt(s, Instant.ofEpochMilli(u - 1))) {
                        firstChange = u;
                        break;
                    }
                }
            }
            assertThat(firstChange).as("first phase change after %d", t).isEqualTo(next);
            t = next;
            transitions++;
        }
        // Per 4 s period four distinct instants: an opening, a start and an end all fall on slot borders, then
        // settlement due (+1.3 s), request closure (+1.8 s) and gate closure (+2.5 s) of other slots.
        assertThat(transitions).isEqualTo(40);
    }
}
