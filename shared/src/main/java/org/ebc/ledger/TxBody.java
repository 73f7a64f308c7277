package org.ebc.ledger;

import java.util.Arrays;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/** The kind-specific content of a {@link LedgerTransaction}. */
public sealed interface TxBody {

    TxKind kind();

    /**
     * {@code transfer}: a payer-signed {@link Transfer} with the payee's {@link Cosign}; moves the transfer's
     * amount from payer to payee.
     */
    record TransferTx(Transfer transfer, Cosign cosign) implements TxBody {
        /**
         * From the two envelopes as received; for building an admission.
         *
         * @throws IllegalArgumentException if either does not verify or the cosign is not for the transfer
         */
        public static TransferTx of(byte[] transferEnvelope, byte[] cosignEnvelope) {
            Decoded<TxReason, Transfer> t = Transfer.verify(transferEnvelope);
            Decoded<TxReason, Cosign> c = Cosign.verify(cosignEnvelope);
            if (!t.isOk() || !c.isOk() || !c.orElseThrow().countersigns(t.orElseThrow())) {
                throw new IllegalArgumentException("not a countersigned transfer: " + t.reason() + "/" + c.reason());
            }
            return new TransferTx(t.orElseThrow(), c.orElseThrow());
        }

        @Override
        public TxKind kind() {
            return TxKind.TRANSFER;
        }
    }

    /**
     * {@code allocation}: the initial allocation the genesis grants a registered node, paid once, to one of
     * the node's addresses. Mints coins.
     */
    record AllocationTx(WalletAddress to, CoinAmount amount, NodeId node) implements TxBody {
        @Override
        public TxKind kind() {
            return TxKind.ALLOCATION;
        }
    }

    /**
     * {@code award}: a proof-of-flow award for the period starting at {@code periodStartMillis}, recorded as
     * pending; a later block's coinbase pays it. {@code supplied} is the energy the seller supplied in that
     * period, as the admitting EAG metered it.
     */
    record AwardTx(WalletAddress to, CoinAmount amount, long periodStartMillis, Energy supplied) implements TxBody {
        @Override
        public TxKind kind() {
            return TxKind.AWARD;
        }
    }

    /** {@code evidence}: an evidence document (two conflicting signed consensus messages of one EAG). */
    record EvidenceTx(byte[] document) implements TxBody {
        @Override
        public TxKind kind() {
            return TxKind.EVIDENCE;
        }

        @Override
        public byte[] document() {
            return document.clone();
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof EvidenceTx e && Arrays.equals(document, e.document);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(document);
        }

        @Override
        public String toString() {
            return "evidence of " + document.length + " bytes";
        }
    }

    /** {@code credit}: a credit-bank-signed record (Part F), interpreted by the rule plugged in for it. */
    record CreditTx(byte[] record) implements TxBody {
        @Override
        public TxKind kind() {
            return TxKind.CREDIT;
        }

        @Override
        public byte[] record() {
            return record.clone();
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof CreditTx c && Arrays.equals(record, c.record);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(record);
        }

        @Override
        public String toString() {
            return "credit record of " + record.length + " bytes";
        }
    }
}
