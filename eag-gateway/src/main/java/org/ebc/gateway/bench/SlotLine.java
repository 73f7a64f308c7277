package org.ebc.gateway.bench;

import java.util.Optional;
import java.util.stream.Collectors;
import org.ebc.gateway.market.CoinPrice;
import org.ebc.gateway.trading.MarketTimeline;
import org.ebc.gateway.trading.PaymentDesk;
import org.ebc.units.Energy;

/** The bench's line for one settled slot. */
final class SlotLine {
    private SlotLine() {}

    static String of(
            MarketTimeline.SettledReport settled,
            Optional<MarketTimeline.SlotReport> cleared,
            PaymentDesk.SlotBills bills) {
        StringBuilder b = new StringBuilder("slot ").append(settled.slot().start());
        cleared.ifPresent(c -> b.append(" | orders ")
                .append(c.orders())
                .append(" (buy ")
                .append(kwh(c.demand()))
                .append(", sell ")
                .append(kwh(c.supply()))
                .append(") | traded ")
                .append(kwh(c.volume()))
                .append(c.price()
                        .map(p -> " at " + CoinPrice.format(p) + " EC/kWh")
                        .orElse(""))
                .append(" | grid: buy ")
                .append(kwh(c.gridImport()))
                .append(", sell ")
                .append(kwh(c.gridExport())));
        long total = bills.byKind().values().stream().mapToLong(Long::longValue).sum();
        b.append(" | bills ").append(total);
        if (total > 0) {
            b.append(" (")
                    .append(bills.byKind().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        b.append(": ")
                .append(bills.paid())
                .append(" paid, ")
                .append(bills.open())
                .append(" open");
        if (bills.pending() > 0) {
            b.append(", ").append(bills.pending()).append(" pending");
        }
        if (settled.unproven() > 0) {
            b.append(" | ").append(settled.unproven()).append(" node(s) unproven");
        }
        return b.toString();
    }

    static String kwh(Energy e) {
        return String.format("%d.%03d kWh", e.wh() / 1000, e.wh() % 1000);
    }
}
