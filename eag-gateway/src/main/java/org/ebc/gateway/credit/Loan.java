package org.ebc.gateway.credit;

import java.util.Arrays;
import org.ebc.credit.CreditToken;
import org.ebc.units.CoinAmount;

/**
 * One loan as the bank's book holds it: the newest token (and its exact signed bytes, which a presented token
 * must equal), how much of it the borrower has spent, and where it stands.
 *
 * @param token the newest version
 * @param signed that version's signed envelope, as sent to the borrower
 * @param drawn coins paid out of the shared wallet to sellers so far (what the borrower owes, before interest)
 * @param status where it stands
 */
public record Loan(CreditToken token, byte[] signed, CoinAmount drawn, Status status) {

    /** Open until repaid; late once its buffer has passed unpaid (case two); written off at the default limit. */
    public enum Status {
        OPEN,
        LATE,
        REPAID,
        DEFAULTED;

        public boolean isLive() {
            return this == OPEN || this == LATE;
        }
    }

    public Loan {
        signed = signed.clone();
        if (drawn.isNegative() || drawn.plus(token.balance()).compareTo(token.amount()) > 0) {
            throw new IllegalArgumentException("loan " + token.id() + ": drawn " + drawn + " + balance "
                    + token.balance() + " exceeds " + token.amount());
        }
    }

    public String id() {
        return token.id();
    }

    @Override
    public byte[] signed() {
        return signed.clone();
    }

    Loan with(Status s) {
        return new Loan(token, signed, drawn, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Loan l
                && l.token.equals(token)
                && Arrays.equals(l.signed, signed)
                && l.drawn.equals(drawn)
                && l.status == status;
    }

    @Override
    public int hashCode() {
        return token.hashCode() * 31 + Arrays.hashCode(signed);
    }
}
