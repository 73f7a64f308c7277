package org.ebc.gateway.credit;

import org.ebc.wallet.WalletAddress;

/**
 * Port: a fresh bank-controlled wallet for one loan (step 4). The adapter makes a key pair and keeps its private
 * key with the bank: unlike the paper, the key is never sent to the borrower (DESIGN §2), who spends by
 * presenting the token instead.
 */
@FunctionalInterface
public interface LoanWallets {
    WalletAddress open(String tokenId);
}
