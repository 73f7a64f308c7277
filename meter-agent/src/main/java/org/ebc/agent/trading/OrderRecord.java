package org.ebc.agent.trading;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * One order of the node as the agent keeps it: what it signed (the exact envelope, published again as is)
 * and what became of it.
 *
 * @param seq the node's order sequence (never reused)
 * @param slot the slot start
 * @param envelope the signed order, exactly as published
 * @param reason the gateway's reason code ({@code OK} when accepted, empty while unanswered)
 * @param matched what the allocation matched, once it arrived
 */
public record OrderRecord(
        long seq,
        Instant slot,
        Side side,
        Energy energy,
        Price limit,
        WalletAddress address,
        byte[] envelope,
        Instant placedAt,
        OrderState state,
        String reason,
        String detail,
        Optional<Energy> matched,
        Instant updatedAt) {

    public OrderRecord {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(matched, "matched");
    }

    public OrderRecord answered(OrderState s, String why, String sentence, Instant now) {
        return new OrderRecord(
                seq, slot, side, energy, limit, address, envelope, placedAt, s, why, sentence, matched, now);
    }

    public OrderRecord withMatched(Energy m, Instant now) {
        return new OrderRecord(
                seq,
                slot,
                side,
                energy,
                limit,
                address,
                envelope,
                placedAt,
                state,
                reason,
                detail,
                Optional.of(m),
                now);
    }
}
