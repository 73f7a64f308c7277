package org.ebc.units;

/**
 * An amount of energy coins in integer minor units (1 coin = {@value #MINOR_UNITS_PER_COIN} minor units),
 * the way bitcoinj's {@code Coin} counts satoshis. Balances are never negative; a signed transfer amount
 * uses its own sign only in arithmetic, never on the wire.
 */
public record CoinAmount(long minorUnits) implements Comparable<CoinAmount> {

    public static final long MINOR_UNITS_PER_COIN = 100_000_000L;
    public static final CoinAmount ZERO = new CoinAmount(0);

    public static CoinAmount ofMinorUnits(long minorUnits) {
        return new CoinAmount(minorUnits);
    }

    public static CoinAmount ofCoins(long coins) {
        return new CoinAmount(Math.multiplyExact(coins, MINOR_UNITS_PER_COIN));
    }

    public CoinAmount plus(CoinAmount other) {
        return new CoinAmount(Math.addExact(minorUnits, other.minorUnits));
    }

    public CoinAmount minus(CoinAmount other) {
        return new CoinAmount(Math.subtractExact(minorUnits, other.minorUnits));
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    @Override
    public int compareTo(CoinAmount other) {
        return Long.compare(minorUnits, other.minorUnits);
    }

    /** Human form, e.g. {@code 12.50000000 EC}; for display only, never parsed back. */
    @Override
    public String toString() {
        // Divide first, then drop the signs: Math.abs(Long.MIN_VALUE) is still negative.
        String sign = minorUnits < 0 ? "-" : "";
        return String.format(
                "%s%d.%08d EC",
                sign, Math.abs(minorUnits / MINOR_UNITS_PER_COIN), Math.abs(minorUnits % MINOR_UNITS_PER_COIN));
    }
}
