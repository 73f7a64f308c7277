package org.ebc.gateway.credit;

import java.util.List;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Step 1: the borrower's signed request, decoded (its signature and certificate are the adapter's to check).
 *
 * @param borrower the node
 * @param addresses every wallet address it uses
 * @param amount the loan it asks for
 * @param creditValue the credit value it states
 * @param repayFrom the address it will repay from (one of {@code addresses})
 */
public record TokenRequest(
        NodeId borrower, List<WalletAddress> addresses, CoinAmount amount, long creditValue, WalletAddress repayFrom) {
    public TokenRequest {
        addresses = List.copyOf(addresses);
    }
}
