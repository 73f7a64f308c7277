package org.ebc.ledger;

import java.util.Arrays;
import org.ebc.payment.Cosign;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/** The kind-specific content of a {@link LedgerTransaction}. */
public sealed interface TxBody {

    TxKind kind();

    /**
     * {@code transfer}: a payer-signed {@link Transfer} with the payee's {@link Cosign} (the lead's
     * {@code org.ebc.payment} formats, checked by {@link PaymentCheck}), carried as the exact envelopes their
     * signers produced; moves the transfer's amount from payer to payee.
     *
     * @param transferEnvelope the transfer envelope, as signed by the payer
     * @param transfer its fields
     * @param cosignEnvelope the cosign envelope, as signed by the payee
     * @param cosign its fields
     */
    record TransferTx(byte[] transferEnvelope, Transfer transfer, byte[] cosignEnvelope, Cosign cosign)
            implements TxBody {
        /**
         * From the two envelopes as received; for building an admission.
         *
         * @throws IllegalArgumentException if either does not check or the cosign is not for the transfer
         */
        public static TransferTx of(byte[] transferEnvelope, byte[] cosignEnvelope) {
            PaymentCheck.Checked<Transfer> t = PaymentCheck.transfer(transferEnvelope);
            if (!t.ok()) {
                throw new IllegalArgumentException("not a valid transfer: " + t.reason() + " " + t.detail());
            }
            PaymentCheck.Checked<Cosign> c = PaymentCheck.cosign(cosignEnvelope, t.get(), t.digestHex());
            if (!c.ok()) {
                throw new IllegalArgumentException("not its cosign: " + c.reason() + " " + c.detail());
            }
            return new TransferTx(transferEnvelope.clone(), t.get(), cosignEnvelope.clone(), c.get());
        }

        @Override
        public TxKind kind() {
            return TxKind.TRANSFER;
        }

        @Override
        public byte[] transferEnvelope() {
            return transferEnvelope.clone();
        }

        @Override
        public byte[] cosignEnvelope() {
            return cosignEnvelope.clone();
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof TransferTx t
                    && Arrays.equals(transferEnvelope, t.transferEnvelope)
                    && Arrays.equals(cosignEnvelope, t.cosignEnvelope);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(transferEnvelope);
        }

        @Override
        public String toString() {
            return "transfer " + transfer.payer() + "#" + transfer.nonce() + " -> " + transfer.payee() + " "
                    + transfer.amount();
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
