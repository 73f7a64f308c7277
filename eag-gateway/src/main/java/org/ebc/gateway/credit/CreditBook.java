package org.ebc.gateway.credit;

import java.util.List;
import java.util.Optional;
import org.ebc.gateway.credit.pricing.RepaymentRecord;
import org.ebc.units.NodeId;

/**
 * Port: the bank's state. The gateway's SQLite store implements it; {@link InMemoryCreditBook} is its twin. Each
 * bank operation's writes are to be applied together ({@link #atomically}).
 */
public interface CreditBook {
    Optional<Loan> loan(String tokenId);

    /** The borrower's loan that is open or late, if any. */
    Optional<Loan> liveLoan(NodeId borrower);

    /** Every open or late loan, in token order. */
    List<Loan> liveLoans();

    /** Every loan, any status, in token order (for the operator's commands and the books' checks). */
    List<Loan> allLoans();

    void put(Loan loan);

    /** RP(s, f) of the borrower over its past loans at this bank. */
    RepaymentRecord record(NodeId borrower);

    void putRecord(NodeId borrower, RepaymentRecord record);

    /** The consortium's blacklist entry for the borrower (from this bank or another EAG's broadcast). */
    Optional<BlacklistEntry> blacklisted(NodeId borrower);

    void blacklist(BlacklistEntry entry);

    /** The token under which {@code bill} was paid, if it was. */
    Optional<String> paidBill(String bill);

    void markBillPaid(String bill, String tokenId);

    /** The highest sequence number of a credit message taken from {@code node}; 0 if none. */
    long lastMessage(NodeId node);

    void putLastMessage(NodeId node, long seq);

    BankBooks books();

    void putBooks(BankBooks books);

    /** The next loan number (1, 2, 3 …). */
    long nextLoanNumber();

    /** Runs one bank operation's reads and writes as one unit (a transaction in SQLite). */
    default <T> T atomically(java.util.function.Supplier<T> operation) {
        return operation.get();
    }
}
