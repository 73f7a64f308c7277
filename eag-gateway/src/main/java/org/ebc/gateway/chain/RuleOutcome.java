package org.ebc.gateway.chain;

import java.util.List;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * What a {@link KindRule} decided.
 *
 * @param accepted true if the transaction is valid at its position
 * @param detail why not (one line), or what it does
 * @param movements coins it moves, applied in order (empty for a record that moves nothing)
 */
public record RuleOutcome(boolean accepted, String detail, List<Movement> movements) {

    /**
     * A movement of coins a pluggable kind makes.
     *
     * @param from the debited address (its home EAG must have admitted the transaction)
     * @param to the credited address
     * @param amount positive, minor units
     */
    public record Movement(WalletAddress from, WalletAddress to, CoinAmount amount) {}

    public RuleOutcome {
        movements = List.copyOf(movements);
    }

    public static RuleOutcome accept(List<Movement> movements) {
        return new RuleOutcome(true, "accepted", movements);
    }

    public static RuleOutcome refuse(String detail) {
        return new RuleOutcome(false, detail, List.of());
    }
}
