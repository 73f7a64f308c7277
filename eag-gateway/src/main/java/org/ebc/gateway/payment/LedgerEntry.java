package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ebc.crypto.Sha256;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.wallet.WalletAddress;

/**
 * What one memory-pool entry carries to the chain: the inner part of a ledger transaction (SPEC-payments:
 * kinds {@code transfer}, {@code allocation}, {@code award}, and documents of other parts such as {@code
 * evidence} and {@code credit}). The wiring wraps it into the EAG-signed ledger transaction envelope; the
 * kind fields here are exactly the ledger transaction's kind fields.
 *
 * <p>{@link #id()} names the entry in the memory pool: lowercase hex SHA-256 of {@link #body()}. For a
 * transfer the body is the transfer envelope, so the id is the transfer's digest (the one its co-signature
 * names); for an allocation or an award it is the JSON of its kind fields, so the id follows from the
 * fields alone.
 */
public sealed interface LedgerEntry {
    /** The ledger transaction's {@code kind}. */
    String kind();

    /** The bytes the id is the digest of (see the class comment). */
    byte[] body();

    default String id() {
        return Sha256.hex(body());
    }

    /** An applied payment: the payer's transfer and the payee's co-signature, both exactly as received. */
    record TransferEntry(byte[] transfer, byte[] cosign) implements LedgerEntry {
        public static final String KIND = "transfer";

        public TransferEntry {
            transfer = transfer.clone();
            cosign = cosign.clone();
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return transfer.clone();
        }

        @Override
        public byte[] transfer() {
            return transfer.clone();
        }

        @Override
        public byte[] cosign() {
            return cosign.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TransferEntry t
                    && Arrays.equals(transfer, t.transfer)
                    && Arrays.equals(cosign, t.cosign);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(transfer) + Arrays.hashCode(cosign);
        }

        @Override
        public String toString() {
            return "TransferEntry[" + id() + "]";
        }
    }

    /**
     * The initial allocation of a node (or of the grid account): mints {@code amount} to {@code to}.
     *
     * @param holder the node id (for the grid account: the EAG id), the ledger's {@code node} field
     */
    record AllocationEntry(WalletAddress to, CoinAmount amount, String holder) implements LedgerEntry {
        public static final String KIND = "allocation";

        public AllocationEntry {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(holder, "holder");
            if (amount.minorUnits() <= 0) {
                throw new IllegalArgumentException("an allocation mints more than nothing");
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return StrictJson.write(g -> {
                g.writeStartObject();
                g.writeStringField("kind", KIND);
                g.writeStringField("to", to.toString());
                g.writeNumberField("amount", amount.minorUnits());
                g.writeStringField("node", holder);
                g.writeEndObject();
            });
        }
    }

    /**
     * A proof-of-flow award, pending: it moves no coins; a later block's coinbase pays (mints) it once.
     *
     * @param period the award period's start
     * @param wh the P2P energy the winner supplied in the period
     */
    record AwardEntry(WalletAddress to, CoinAmount amount, Instant period, Energy wh) implements LedgerEntry {
        public static final String KIND = "award";

        public AwardEntry {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(wh, "wh");
            if (amount.minorUnits() <= 0) {
                throw new IllegalArgumentException("an award is more than nothing");
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return StrictJson.write(g -> {
                g.writeStartObject();
                g.writeStringField("kind", KIND);
                g.writeStringField("to", to.toString());
                g.writeNumberField("amount", amount.minorUnits());
                g.writeNumberField("period", period.toEpochMilli());
                g.writeNumberField("wh", wh.wh());
                g.writeEndObject();
            });
        }
    }

    /**
     * A signed document of another part that goes to the chain through this memory pool ({@code evidence}
     * from consensus, {@code credit} from the credit bank), carried as bytes.
     */
    record DocumentEntry(String kind, byte[] document) implements LedgerEntry {
        private static final Pattern KIND_WORD = Pattern.compile("[a-z][a-z-]{0,23}");

        public DocumentEntry {
            if (!KIND_WORD.matcher(kind).matches()
                    || kind.equals(TransferEntry.KIND)
                    || kind.equals(AllocationEntry.KIND)
                    || kind.equals(AwardEntry.KIND)) {
                throw new IllegalArgumentException(
                        "a document kind is a lowercase word other than the payment kinds: " + kind);
            }
            if (document.length == 0) {
                throw new IllegalArgumentException("an empty document");
            }
            document = document.clone();
        }

        @Override
        public byte[] body() {
            return document.clone();
        }

        @Override
        public byte[] document() {
            return document.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DocumentEntry d && kind.equals(d.kind) && Arrays.equals(document, d.document);
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + Arrays.hashCode(document);
        }

        @Override
        public String toString() {
            return "DocumentEntry[" + kind + " " + id() + "]";
        }
    }
}
