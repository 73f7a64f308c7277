package org.ebc.gateway.credit;

import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * Payment steps 1–2: the seller forwards the borrower's token with its bill.
 *
 * @param token the token's signed envelope as the borrower presented it
 * @param seller the address the seller is paid to
 * @param bill the bill being paid (a bill is paid once)
 * @param amount the bill's amount
 */
public record TokenPayment(byte[] token, WalletAddress seller, String bill, CoinAmount amount) {
    public TokenPayment {
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }
}
