package org.ebc.gateway.credit;

import java.util.Set;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * What the EAG's account pool says of a borrower at the time of its request (step 2): who it is, which addresses
 * are its, its wealth (the coins in those addresses) and its income (coins it earned selling energy within the
 * bank's income window). The adapter fills it from the account pool and the payment core.
 *
 * @param registered the node is enrolled here and its certificate is valid and not revoked
 * @param addresses the node's wallet addresses
 * @param wealth the coins in them
 * @param income coins received for energy sold within the income window
 */
public record BorrowerStanding(boolean registered, Set<WalletAddress> addresses, CoinAmount wealth, CoinAmount income) {
    public BorrowerStanding {
        addresses = Set.copyOf(addresses);
    }
}
