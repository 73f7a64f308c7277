package org.ebc.gateway.credit;

import org.ebc.units.CoinAmount;

/**
 * The bank's own accounts: what it started with, what it earned (interest and penalties) and what it wrote off.
 * Together with the coins it holds they must balance ({@link CreditBank#audit()}):
 * reserve + shared wallets' balances + drawn and not repaid = capital + income − losses.
 */
public record BankBooks(CoinAmount capital, CoinAmount income, CoinAmount losses) {
    public CoinAmount equity() {
        return capital.plus(income).minus(losses);
    }
}
