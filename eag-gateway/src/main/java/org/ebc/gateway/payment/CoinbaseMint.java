package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * What a committed block's coinbase mints for this EAG, to be credited to the payment core: the mining reward of a
 * block it mined, or a proof-of-flow award it admitted. Made on the consensus thread; {@link #apply}'d on the
 * payment core's own thread (its contract is single-threaded), idempotent under its reference.
 */
public sealed interface CoinbaseMint {

    /** Credits it; a repeat under the same reference changes nothing. */
    Outcome apply(Payments payments);

    /**
     * A block's mining reward.
     *
     * @param ref the block's reference (its hash)
     * @param to the miner's address (this EAG's, the grid account)
     * @param amount the reward
     */
    record Reward(String ref, WalletAddress to, CoinAmount amount) implements CoinbaseMint {
        public Reward {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public Outcome apply(Payments payments) {
            return payments.mint(ref, to, amount);
        }
    }

    /**
     * A proof-of-flow award the coinbase settled.
     *
     * @param period the award's period start
     * @param ref the block's and the award transaction's reference
     */
    record AwardPaid(Instant period, String ref) implements CoinbaseMint {
        public AwardPaid {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public Outcome apply(Payments payments) {
            return payments.payAward(period, ref);
        }
    }
}
