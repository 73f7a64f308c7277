package org.ebc.gateway.ledger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Sha256;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.gateway.storage.SqlitePaymentStore;
import org.ebc.gateway.trading.BorderReadings;
import org.ebc.ledger.Block;
import org.ebc.ledger.InclusionProof;
import org.ebc.ledger.MerkleTree;
import org.ebc.ledger.ReadingUse;
import org.ebc.ledger.TradeProof;
import org.ebc.trade.Bill;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Assembles the proofs {@code eag-gateway ledger prove} prints, from the gateway's database: an {@link
 * InclusionProof} for a committed ledger transaction, and a {@link TradeProof} for a reading or a bill (the
 * meter's border readings of the slot, the bill, this EAG's {@link ReadingUse} statement and the inclusion proof
 * of the transfer that paid the bill).
 *
 * <p>The bill is stored as its fields, not as the envelope the parties got: the proof carries it signed again by
 * this EAG. Its payload bytes are the ones issued (the same fields, the same issue time and number); only the
 * ECDSA signature's bytes differ. The {@link ReadingUse} statement is signed when the proof is made.
 *
 * <p>Not thread-safe: one reader connection.
 */
public final class ProofBuilder {
    /** What a request for a proof came to: a proof, or why there is none. */
    public sealed interface Result {
        /** A proof and a line saying what it proves. */
        record Built(byte[] json, String summary) implements Result {}

        /** No proof: what is missing. */
        record None(String why) implements Result {}
    }

    /** The EAG's signing identity, for the bill and the statement. */
    public record Signer(EagId eag, java.security.PrivateKey key, KeyId keyId, Clock clock) {}

    private final Connection c;
    private final byte[] genesis;
    private final SqlitePaymentStore payments;
    private final BorderReadings borders;

    /**
     * @param c a reader connection to the gateway's database (the caller closes it)
     * @param genesis the consortium's genesis file, exact bytes
     */
    public ProofBuilder(Connection c, byte[] genesis) throws SQLException {
        this.c = c;
        this.genesis = genesis.clone();
        this.payments = new SqlitePaymentStore(c);
        this.borders = new BorderReadings(c);
    }

    /** The inclusion proof of a committed ledger transaction, by its id. */
    public Result transaction(String txId) throws SQLException {
        Optional<SqliteLedgerStore.Position> at = SqliteLedgerStore.position(c, txId);
        if (at.isEmpty()) {
            return new Result.None("transaction " + txId + " is in no committed block here");
        }
        StoredBlock row = SqliteLedgerStore.storedBlock(c, at.get().height()).orElseThrow();
        var decoded = Block.decode(row.block());
        if (!decoded.isOk()) {
            return new Result.None("block " + row.height() + " does not decode (run ledger verify)");
        }
        Block b = decoded.orElseThrow();
        int position = at.get().position();
        InclusionProof proof = new InclusionProof(
                genesis,
                b.transactions().get(position - 1),
                MerkleTree.prove(b.leaves(), position),
                b.header().bytes(),
                row.certificate());
        return new Result.Built(
                proof.toJson(), "transaction " + txId + " (block " + row.height() + ", position " + position + ")");
    }

    /** The ledger transaction that carries a transfer (by the transfer's digest, its payment id), if committed. */
    public Optional<String> transactionOfTransfer(String transferDigest) throws SQLException {
        byte[] raw = null;
        try (PreparedStatement p = c.prepareStatement("SELECT raw FROM payment_transfers WHERE digest = ?")) {
            p.setString(1, transferDigest);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    raw = r.getBytes(1);
                }
            }
        }
        if (raw == null) {
            return Optional.empty();
        }
        // A transfer transaction carries the payer's envelope verbatim, base64, in its "transfer" field
        // (LedgerTransaction): find that text rather than decoding every transaction of the chain.
        byte[] needle =
                ("\"transfer\":\"" + Base64.getEncoder().encodeToString(raw) + "\"").getBytes(StandardCharsets.UTF_8);
        try (PreparedStatement p =
                c.prepareStatement("SELECT id FROM ledger_transactions WHERE instr(tx, ?) > 0 ORDER BY height")) {
            p.setBytes(1, needle);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The trade proof of a bill: the readings of the node that holds its payee address (the seller, whose meter
     * proves the delivery), or of its payer's node when the payee is the grid.
     */
    public Result bill(String billId, Signer signer) throws SQLException {
        Optional<BillRecord> found = payments.bill(billId);
        if (found.isEmpty()) {
            return new Result.None("no bill " + billId + " here");
        }
        Bill b = found.get().bill();
        if (b.kind().equals(Bill.LOAN)) {
            return new Result.None("bill " + billId + " is a loan bill: it repays the credit bank, no energy to prove");
        }
        Optional<NodeId> payee = ownerOf(b.payee());
        Optional<NodeId> payer = ownerOf(b.payer());
        if (payee.isPresent()) {
            return trade(found.get(), payee.get(), ReadingUse.PAYEE, signer);
        }
        if (payer.isPresent()) {
            return trade(found.get(), payer.get(), ReadingUse.PAYER, signer);
        }
        return new Result.None("neither address of bill " + billId + " belongs to a node enrolled here");
    }

    /**
     * The trade proof of a stored reading: the first paid bill (in bill order) of a slot the reading borders, on
     * its node's side, whose payment is in a committed block.
     */
    public Result reading(String meterSerial, long page, Signer signer) throws SQLException {
        NodeId node;
        long time;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT node_id, reading_time_ms FROM readings WHERE meter_serial = ? AND page = ?")) {
            p.setString(1, meterSerial);
            p.setLong(2, page);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return new Result.None(
                            "no reading of meter " + meterSerial + " with page " + page + " is stored here");
                }
                node = NodeId.of(r.getString(1));
                time = r.getLong(2);
            }
        }
        List<String> wallets = walletsOf(node);
        long tolerance = TradeProof.BORDER_TOLERANCE.toMillis();
        List<String> misses = new ArrayList<>();
        boolean aBorder = false;
        try (PreparedStatement p = c.prepareStatement("SELECT slot_ms, length_ms FROM market_slots "
                + "WHERE settled_ms IS NOT NULL AND (ABS(slot_ms - ?) <= ? OR ABS(slot_ms + length_ms - ?) <= ?) "
                + "ORDER BY slot_ms")) {
            p.setLong(1, time);
            p.setLong(2, tolerance);
            p.setLong(3, time);
            p.setLong(4, tolerance);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    aBorder = true;
                    for (BillRecord bill : paidBillsOf(r.getLong(1), wallets)) {
                        String role =
                                wallets.contains(bill.bill().payee().toString()) ? ReadingUse.PAYEE : ReadingUse.PAYER;
                        Result t = trade(bill, node, role, signer, meterSerial, page);
                        if (t instanceof Result.Built) {
                            return t;
                        }
                        misses.add(((Result.None) t).why());
                    }
                }
            }
        }
        if (!aBorder) {
            return new Result.None("reading " + meterSerial + "/" + page + " (" + Instant.ofEpochMilli(time)
                    + ") is at the border of no settled market slot");
        }
        if (misses.isEmpty()) {
            return new Result.None("reading " + meterSerial + "/" + page + " borders settled slots, but node " + node
                    + " has no paid bill in them");
        }
        return new Result.None("reading " + meterSerial + "/" + page + ": no bill it settled has a proof yet: "
                + String.join("; ", misses));
    }

    private Result trade(BillRecord record, NodeId node, String role, Signer signer) throws SQLException {
        return trade(record, node, role, signer, null, 0);
    }

    private Result trade(
            BillRecord record,
            NodeId node,
            String role,
            Signer signer,
            @org.jspecify.annotations.Nullable String meterSerial,
            long page)
            throws SQLException {
        Bill b = record.bill();
        if (record.status() != BillStatus.PAID || record.transfer() == null) {
            return new Result.None("bill " + b.id() + " is "
                    + record.status().name().toLowerCase(java.util.Locale.ROOT) + ": nothing has paid it yet");
        }
        Optional<Duration> length = slotLength(b.slot());
        if (length.isEmpty()) {
            return new Result.None("slot " + b.slot() + " of bill " + b.id() + " is not in the market's record");
        }
        Optional<byte[]> start = borders.record(node, b.slot());
        Optional<byte[]> end = borders.record(node, b.slot().plus(length.get()));
        if (start.isEmpty() || end.isEmpty()) {
            return new Result.None("node " + node + " has no stored border reading at the "
                    + (start.isEmpty() ? "start" : "end") + " of slot " + b.slot());
        }
        if (meterSerial != null
                && !isReading(start.get(), meterSerial, page)
                && !isReading(end.get(), meterSerial, page)) {
            return new Result.None("bill " + b.id() + " was settled by other readings of node " + node);
        }
        Optional<String> tx = transactionOfTransfer(record.transfer());
        if (tx.isEmpty()) {
            return new Result.None("the payment of bill " + b.id() + " (transfer " + record.transfer()
                    + ") is in no committed block yet");
        }
        Result payment = transaction(tx.get());
        if (!(payment instanceof Result.Built built)) {
            return payment;
        }
        Optional<byte[]> der = certificateOf(node);
        if (der.isEmpty()) {
            return new Result.None("node " + node + " has no readable stored certificate");
        }
        ReadingUse use = new ReadingUse(
                signer.eag(),
                b.seq(),
                signer.clock().instant(),
                b.id(),
                node,
                ReadingUse.PAYER.equals(role) ? b.payer() : b.payee(),
                role,
                b.slot(),
                length.get().toMillis(),
                Sha256.hex(start.get()),
                Sha256.hex(end.get()));
        TradeProof proof = new TradeProof(
                der.get(),
                start.get(),
                end.get(),
                use.sign(signer.key(), signer.keyId()),
                b.sign(signer.key(), signer.keyId()),
                built.json());
        return new Result.Built(
                proof.toJson(),
                "node " + node + "'s readings at the borders of slot " + b.slot() + " settled bill " + b.id() + " ("
                        + b.kind() + ", " + b.energy() + ", " + b.amount() + ", the node is its " + role
                        + "), paid by " + built.summary());
    }

    private static boolean isReading(byte[] raw, String meterSerial, long page) {
        var r = org.ebc.ocmf.OcmfCodec.decode(raw);
        return r.isOk()
                && r.record().payload().meterSerial().equals(meterSerial)
                && r.record().payload().page().value() == page;
    }

    private List<BillRecord> paidBillsOf(long slotMs, List<String> wallets) throws SQLException {
        List<BillRecord> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, payer, payee FROM payment_bills WHERE slot_ms = ? AND status = 'paid' AND kind <> 'loan' "
                        + "ORDER BY seq")) {
            p.setLong(1, slotMs);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    if (wallets.contains(r.getString(2)) || wallets.contains(r.getString(3))) {
                        payments.bill(r.getString(1)).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    private Optional<Duration> slotLength(Instant slot) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT length_ms FROM market_slots WHERE slot_ms = ?")) {
            p.setLong(1, slot.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(Duration.ofMillis(r.getLong(1))) : Optional.empty();
            }
        }
    }

    private Optional<NodeId> ownerOf(WalletAddress a) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT node_id FROM wallets WHERE address = ?")) {
            p.setString(1, a.toString());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(NodeId.of(r.getString(1))) : Optional.empty();
            }
        }
    }

    private List<String> walletsOf(NodeId node) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT address FROM wallets WHERE node_id = ?")) {
            p.setString(1, node.value());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private Optional<byte[]> certificateOf(NodeId node) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT certificate_pem FROM nodes WHERE node_id = ?")) {
            p.setString(1, node.value());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                var certs = Pem.parseCertificates(r.getString(1));
                if (certs.isEmpty() || certs.get().size() != 1) {
                    return Optional.empty();
                }
                return Optional.of(certs.get().get(0).getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                return Optional.empty();
            }
        }
    }
}
