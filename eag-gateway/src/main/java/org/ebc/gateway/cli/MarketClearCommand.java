package org.ebc.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.ContentDigest;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.OrderBookFile;
import org.ebc.gateway.market.Pricing;
import org.ebc.units.Energy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway market clear --orders FILE [--mode posted|auction] [--pricing pay-as-clear|pay-as-bid]}:
 * re-runs the clearing of an exported order book ({@code market export}) and prints the allocation's canonical
 * bytes on standard output (the exact bytes the gateway signed and published, followed by one newline) and a
 * summary with the SHA-256 digest on standard error. Exit codes: 0 cleared, 2 a bad option or a refused file
 * (the reason on standard error), 1 the file cannot be read.
 */
@Command(
        name = "clear",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Clear an exported order book offline, as the gateway did at gate closure, and print the allocation: its canonical "
                    + "JSON on standard output (byte for byte what the gateway published), a summary and its SHA-256 digest on "
                    + "standard error. The same book always gives the same bytes.",
            "--mode and --pricing re-run the book under other rules (what-if); they default to the file's."
        })
public final class MarketClearCommand implements Callable<Integer> {
    private static final String NAME = "eag-gateway market clear: ";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--orders",
            required = true,
            paramLabel = "FILE",
            description = "an order-book file (docs/market.md)")
    Path orders;

    @Option(names = "--mode", paramLabel = "posted|auction", description = "clear in this mode (default: the file's)")
    String mode;

    @Option(
            names = "--pricing",
            paramLabel = "pay-as-clear|pay-as-bid",
            description = "auction pricing (default: the file's)")
    String pricing;

    @Option(
            names = "--reference-supply",
            paramLabel = "WH",
            defaultValue = "0",
            description =
                    "with --mode posted on a book that has no broadcast: the previous slot's supply S_ref in Wh for the posted"
                            + " price (default ${DEFAULT-VALUE})")
    long referenceSupply;

    @Option(names = "--digest", description = "print only the digest (64 hex digits) on standard output")
    boolean digestOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MarketMode m = null;
        Pricing p = null;
        if (mode != null) {
            m = MarketMode.parse(mode).orElse(null);
            if (m == null) {
                err.println(NAME + "--mode must be posted or auction, not '" + mode + "'");
                return 2;
            }
        }
        if (pricing != null) {
            p = Pricing.parse(pricing).orElse(null);
            if (p == null) {
                err.println(NAME + "--pricing must be pay-as-clear or pay-as-bid, not '" + pricing + "'");
                return 2;
            }
        }
        if (referenceSupply < 0) {
            err.println(NAME + "--reference-supply must not be negative");
            return 2;
        }
        byte[] bytes;
        try {
            if (Files.size(orders) > OrderBookFile.MAX_BYTES) {
                err.println(NAME + orders + ": too-large: more than " + OrderBookFile.MAX_BYTES + " bytes");
                return 2;
            }
            bytes = Files.readAllBytes(orders);
        } catch (IOException e) {
            err.println(NAME + "cannot read " + orders + ": " + e.getMessage());
            return 1;
        }
        OrderBookFile.Outcome outcome = OrderBookFile.read(bytes);
        if (outcome instanceof OrderBookFile.Refused refused) {
            err.println(NAME + orders + " refused: " + refused);
            return 2;
        }
        OrderBookFile.BookFile file = ((OrderBookFile.Read) outcome).file();
        OrderBook book = file.book();
        MarketParameters fileRules = book.parameters();
        MarketMode newMode = m != null ? m : fileRules.mode();
        Pricing newPricing = p != null ? p : fileRules.pricing();
        if (newMode != fileRules.mode() || newPricing != fileRules.pricing()) {
            boolean computed = newMode == MarketMode.POSTED && book.posted().isEmpty();
            book = book.withRules(newMode, newPricing, Energy.ofWh(referenceSupply));
            err.println("market clear: re-run as " + newMode.wireName() + " " + newPricing.wireName()
                    + " (the file says "
                    + fileRules.mode().wireName() + " " + fileRules.pricing().wireName() + ")"
                    + (computed
                            ? "; posted terms computed from its demand and --reference-supply " + referenceSupply
                                    + " Wh"
                            : ""));
        }
        Allocation a = Clearing.clear(book);
        byte[] canonical = a.canonicalBytes();
        String digest = ContentDigest.sha256Hex(canonical);
        if (digestOnly) {
            out.println(digest);
        } else {
            out.print(new String(canonical, StandardCharsets.UTF_8));
            out.println();
        }
        out.flush();
        printSummary(err, file, book, a, digest);
        return 0;
    }

    private static void printSummary(
            PrintWriter err, OrderBookFile.BookFile file, OrderBook book, Allocation a, String digest) {
        long buys = book.orders().stream()
                .filter(o -> o.side() == org.ebc.gateway.market.Side.BUY)
                .count();
        err.printf(
                "market clear: slot %s of %s, %s %s%n",
                a.slot(), file.eag(), a.mode().wireName(), a.pricing().wireName());
        err.printf(
                "  orders %d: %d buy (%s), %d sell (%s)%n",
                book.orders().size(), buys, book.demand(), book.orders().size() - buys, book.supply());
        book.posted()
                .ifPresent(t -> err.printf(
                        "  posted: demand %s, reference supply %s, price %s%n",
                        t.demand(), t.referenceSupply(), t.price()));
        err.printf(
                "  %s; %d trade(s), volume %s; grid import %s, grid export %s%n",
                a.price().map(p -> "price " + p).orElse("no uniform price"),
                a.trades().size(),
                a.volume(),
                a.gridImport(),
                a.gridExport());
        err.printf("  digest sha256 %s%n", digest);
        err.flush();
    }
}
