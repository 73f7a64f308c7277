package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.trading.MarketArchive;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eag-gateway market export}: a slot's order book exactly as the gateway stored it (every order's signed
 * envelope included), in the format {@code market clear} reads, so an auditor can re-run the clearing offline.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write a slot's stored order book (with each order's signed envelope) as an ebc-order-book/1 "
                + "file for 'eag-gateway market clear'. --all writes one file per cleared slot into --out.")
public final class MarketExportCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the gateway's configuration file (data.dir and the market.* rules)")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(
                names = "--slot",
                paramLabel = "START",
                description = "the slot's start: an instant (2026-12-04T10:15:00Z) or epoch milliseconds")
        String slot;

        @Option(names = "--all", description = "every cleared slot, one file each (needs --out DIR)")
        boolean all;
    }

    @Option(
            names = "--out",
            paramLabel = "FILE|DIR",
            description = "where to write: a file for --slot (default: standard output), a directory for --all")
    Path out;

    @Override
    public Integer call() {
        GatewayConfig c;
        try {
            c = GatewayConfig.load(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("eag-gateway market export: " + e.getMessage());
            return 2;
        }
        if (which.all && out == null) {
            System.err.println("eag-gateway market export: --all needs --out DIR");
            return 2;
        }
        try (Connection db = GatewayDatabase.openReader(GatewayDatabase.file(c.dataDir()))) {
            MarketArchive archive = new MarketArchive(db, c.market());
            if (which.all) {
                Files.createDirectories(out);
                List<Instant> slots = archive.clearedSlots();
                for (Instant s : slots) {
                    Files.write(out.resolve("book-" + s.toEpochMilli() + ".json"), archive.export(c.eag(), s));
                }
                System.err.println(slots.size() + " order book(s) written to " + out);
                return 0;
            }
            Instant slot = parseSlot(which.slot);
            byte[] book = archive.export(c.eag(), slot);
            if (out == null) {
                System.out.write(book);
                System.out.flush();
            } else {
                Files.write(out, book);
                System.err.println("order book of slot " + slot + " written to " + out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("eag-gateway market export: --slot " + which.slot + ": " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            System.err.println("eag-gateway market export: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("eag-gateway market export: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }

    static Instant parseSlot(String text) {
        try {
            return text.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(text))
                    : Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not an instant (2026-12-04T10:15:00Z) nor epoch milliseconds");
        }
    }
}
