package org.ebc.gateway.credit;

/** Why the credit bank refused a request, a credit payment or a repayment. */
public enum CreditRefusal {
    /** The borrower is not a node registered (and not revoked) at this EAG. */
    UNKNOWN_BORROWER,
    /** A wallet address in the request is not the borrower's. */
    FOREIGN_ADDRESS,
    /** The borrower is on the consortium's blacklist (case three, at this bank or another). */
    BLACKLISTED,
    /** The borrower already has a loan that is not repaid. */
    LOAN_OPEN,
    /** The credit value the request states is not the one the bank has on record. */
    CREDIT_MISMATCH,
    /** Step 3 c): the credit value is negative. */
    NEGATIVE_CREDIT,
    /** Step 3 a): no coins in the borrower's accounts. */
    NO_WEALTH,
    /** Step 3 b): no regular income (no coins earned by selling energy recently). */
    NO_INCOME,
    /** The requested amount is not positive. */
    BAD_AMOUNT,
    /** Pricing: no profitable loan for this borrower (§IV). */
    UNPROFITABLE,
    /** Pricing: the borrower has a record and never repaid in time (λ = 0). */
    NO_TIMELY_REPAYMENT,
    /** Pricing: the bank's model parameters do not price this borrower (the detail names the parameter). */
    PRICING_INVALID,
    /** The bank's reserve cannot fund the loan. */
    RESERVE_INSUFFICIENT,
    /** A payment names a token this bank never issued. */
    UNKNOWN_TOKEN,
    /** Payment step 3: the token presented is not the bank's newest version of it. */
    TOKEN_MISMATCH,
    /** The token's validity has passed (or the loan is closed): no more payments with it. */
    EXPIRED_TOKEN,
    /** Payment step 3: the shared wallet's balance does not cover the bill. */
    INSUFFICIENT_BALANCE,
    /** The payment or repayment amount is not positive, or names no bill. */
    BAD_PAYMENT,
    /** A repayment of a loan that is already repaid or written off. */
    LOAN_CLOSED,
    /** The repaying address does not hold what is due. */
    NOT_ENOUGH_TO_REPAY,
    /**
     * The bill a credit payment names is not the transaction server's open p2p bill with that payee and amount
     * (hosted in {@code eag-gateway run}: the bank pays only real bills).
     */
    BILL_MISMATCH,
    /** The payment core refused to take the bill over for the loan (its reason follows in the detail). */
    BILL_REFUSED
}
