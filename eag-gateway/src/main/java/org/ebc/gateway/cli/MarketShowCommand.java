package org.ebc.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.market.CoinPrice;
import org.ebc.gateway.market.MarketCalendar;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.trading.MarketArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway market show}: the market's rules, the open slots and the last clearings, from the database. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Show the market: its rules, the slots taking orders now (phase, orders per side), and the last "
                + "cleared and settled slots. Reads the database read-only while the gateway runs.")
public final class MarketShowCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the gateway's configuration file (data.dir and the market.* rules)")
    Path config;

    @Option(
            names = "--slots",
            paramLabel = "N",
            defaultValue = "8",
            description = "how many of the newest stored slots to list (default ${DEFAULT-VALUE})")
    int slots;

    @Override
    public Integer call() {
        GatewayConfig c;
        try {
            c = GatewayConfig.load(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("eag-gateway market show: " + e.getMessage());
            return 2;
        }
        try (Connection db = GatewayDatabase.openReader(GatewayDatabase.file(c.dataDir()))) {
            MarketArchive archive = new MarketArchive(db, c.market());
            print(System.out, c.market(), archive, Instant.now(), Math.max(1, slots));
            return 0;
        } catch (SQLException e) {
            System.err.println("eag-gateway market show: " + e.getMessage());
            return 2;
        }
    }

    static void print(PrintStream out, MarketParameters p, MarketArchive archive, Instant now, int n)
            throws SQLException {
        MarketCalendar cal = archive.calendar();
        out.printf(
                "market     %s%s, slots of %s, gate closes %s before the slot%s, horizon %d slot(s)%n",
                p.mode().wireName(),
                p.mode() == MarketMode.AUCTION ? " (" + p.pricing().wireName() + ")" : "",
                p.slotLength(),
                p.gateLead(),
                p.mode() == MarketMode.POSTED ? ", buy requests close " + p.offerWindow() + " earlier" : "",
                p.horizonSlots());
        out.printf(
                "tariffs    retail %s, feed-in %s EC/kWh; settlement grace %s%n",
                CoinPrice.format(p.retailTariff()), CoinPrice.format(p.feedInTariff()), p.settlementGrace());
        List<MarketSlot> open = cal.slotsTakingOrdersAt(now);
        out.printf("open       %d slot(s) taking orders at %s%n", open.size(), now);
        List<MarketArchive.SlotLine> stored = archive.recentSlots(n);
        for (MarketSlot s : open) {
            MarketArchive.SlotLine line = stored.stream()
                    .filter(l -> l.start().equals(s.start()))
                    .findFirst()
                    .orElse(null);
            out.printf(
                    "  %s  %-10s gate %s  %s%n",
                    s.start(),
                    cal.phaseAt(s, now),
                    cal.gateClosureOf(s),
                    line == null
                            ? "no orders yet"
                            : line.orders() + " order(s): buy " + line.buy() + ", sell " + line.sell());
        }
        out.printf("stored     the newest %d slot(s)%n", stored.size());
        out.printf(
                "  %-24s %7s %12s %12s  %-9s %-9s %s%n",
                "SLOT", "ORDERS", "BUY", "SELL", "CLEARED", "SETTLED", "ALLOCATION");
        for (MarketArchive.SlotLine l : stored) {
            out.printf(
                    "  %-24s %7d %12s %12s  %-9s %-9s %s%n",
                    l.start(),
                    l.orders(),
                    l.buy(),
                    l.sell(),
                    l.cleared().isPresent() ? "yes" : "no",
                    l.settled().isPresent() ? "yes" : "no",
                    l.allocationDigest().map(d -> d.substring(0, 16)).orElse("-"));
        }
    }
}
