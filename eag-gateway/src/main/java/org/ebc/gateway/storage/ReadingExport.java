package org.ebc.gateway.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.ebc.gateway.verify.ReadingFlags;
import org.ebc.units.NodeId;

/**
 * Writes stored readings out, ordered by node and page, in one read transaction (a consistent snapshot
 * while the gateway keeps writing). Stateless.
 *
 * <ul>
 *   <li>{@link Format#OCMF}: each record exactly as received, one per line ({@code \n}). The gateway
 *       refuses records containing a line break at ingress, so a line is always one whole record, and
 *       any OCMF verifier can check its signature.</li>
 *   <li>{@link Format#CSV}: the extracted columns with a header: {@value #CSV_HEADER}. Energy in whole
 *       Wh, times in ISO-8601 UTC, flags as {@code |}-separated names.</li>
 * </ul>
 */
public final class ReadingExport {
    public static final String CSV_HEADER =
            "node,meter_serial,page,import_wh,export_wh,reading_time,clock_status,flags,received_at";

    public enum Format {
        OCMF,
        CSV
    }

    private ReadingExport() {}

    /** @return the number of readings written */
    public static long write(Connection c, Format format, Optional<NodeId> node, OutputStream out)
            throws SQLException, IOException {
        String sql =
                "SELECT node_id, meter_serial, page, import_wh, export_wh, reading_time_ms, clock_status, flags, received_ms, raw "
                        + "FROM readings" + (node.isPresent() ? " WHERE node_id = ?" : "") + " ORDER BY node_id, page";
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long n = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (node.isPresent()) {
                p.setString(1, node.get().value());
            }
            if (format == Format.CSV) {
                out.write((CSV_HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    if (format == Format.OCMF) {
                        out.write(r.getBytes(10));
                        out.write('\n');
                    } else {
                        out.write(csvLine(r).getBytes(StandardCharsets.UTF_8));
                    }
                    n++;
                }
            }
            out.flush();
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return n;
    }

    private static String csvLine(ResultSet r) throws SQLException {
        long exportWh = r.getLong(5);
        String export = r.wasNull() ? "" : Long.toString(exportWh);
        return csv(r.getString(1)) + "," + csv(r.getString(2)) + "," + r.getLong(3) + "," + r.getLong(4) + "," + export
                + ","
                + Instant.ofEpochMilli(r.getLong(6)) + "," + csv(r.getString(7)) + ","
                + csv(ReadingFlags.describe(r.getInt(8))) + ","
                + Instant.ofEpochMilli(r.getLong(9)) + "\n";
    }

    /** RFC 4180 quoting, for the day an id may hold a comma (ours cannot today). */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
