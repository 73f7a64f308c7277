package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.CosignRequest;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A message the wiring must send to one node on its own topic after a call of {@link Payments}. The core
 * leaves the EAG's outbound sequence number, the signature and the publishing to the wiring: each notice
 * turns into its signed wire type with {@code toMessage(eag, seq, at)}.
 */
public sealed interface Notice {
    /** The node this goes to (on {@code ebc/v1/<eag>/node/<node>/…}). */
    NodeId node();

    /**
     * The answer to something the node sent, or news about it (a transfer applied, released): a {@link
     * Receipt}. {@code ref} is the transfer's digest (for a co-signature too: the digest it names).
     */
    record Reply(NodeId node, String about, String ref, Receipt.Status status, String reason, String detail)
            implements Notice {
        public Reply {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(status, "status");
        }

        public Receipt toMessage(EagId eag, long seq, Instant at) {
            return new Receipt(eag, seq, at, node, about, ref, status, reason, detail);
        }
    }

    /**
     * Ask the payee's node to co-sign {@code transfer} (the payer's signed envelope, exactly as received),
     * telling it what the payer has {@code covered}: its balance available to this transfer.
     */
    record CosignWanted(NodeId node, String bill, byte[] transfer, CoinAmount covered) implements Notice {
        public CosignWanted {
            Objects.requireNonNull(node, "node");
            transfer = transfer.clone();
        }

        @Override
        public byte[] transfer() {
            return transfer.clone();
        }

        public CosignRequest toMessage(EagId eag, long seq, Instant at) {
            return new CosignRequest(eag, seq, at, node, bill, transfer, covered);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CosignWanted c
                    && node.equals(c.node)
                    && bill.equals(c.bill)
                    && Arrays.equals(transfer, c.transfer)
                    && covered.equals(c.covered);
        }

        @Override
        public int hashCode() {
            return Objects.hash(node, bill, Arrays.hashCode(transfer), covered);
        }

        @Override
        public String toString() {
            return "CosignWanted[" + node + ", bill " + bill + ", covered " + covered + "]";
        }
    }

    /** The new state of one of the node's addresses: balance, what pending transfers reserve, next nonce. */
    record Balance(NodeId node, WalletAddress address, CoinAmount balance, CoinAmount pending, long nextNonce)
            implements Notice {
        public Balance {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(address, "address");
        }

        public BalanceNotice toMessage(EagId eag, long seq, Instant at) {
            return new BalanceNotice(eag, seq, at, node, address, balance, pending, nextNonce);
        }
    }
}
