package org.ebc.gateway.credit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.gateway.credit.pricing.RepaymentRecord;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;

/** {@link CreditBook}'s twin in memory, for tests and the one-process bench. Not thread-safe. */
public final class InMemoryCreditBook implements CreditBook {
    private final TreeMap<String, Loan> loans = new TreeMap<>();
    private final Map<NodeId, RepaymentRecord> records = new HashMap<>();
    private final Map<NodeId, BlacklistEntry> blacklist = new HashMap<>();
    private final Map<String, String> bills = new HashMap<>();
    private final Map<NodeId, Long> messages = new HashMap<>();
    private BankBooks books;
    private long loanNumber;

    public InMemoryCreditBook(CoinAmount capital) {
        this.books = new BankBooks(capital, CoinAmount.ZERO, CoinAmount.ZERO);
    }

    @Override
    public Optional<Loan> loan(String tokenId) {
        return Optional.ofNullable(loans.get(tokenId));
    }

    @Override
    public Optional<Loan> liveLoan(NodeId borrower) {
        return loans.values().stream()
                .filter(l -> l.status().isLive() && l.token().borrower().equals(borrower))
                .findFirst();
    }

    @Override
    public List<Loan> liveLoans() {
        List<Loan> out = new ArrayList<>();
        for (Loan l : loans.values()) {
            if (l.status().isLive()) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void put(Loan loan) {
        loans.put(loan.id(), loan);
    }

    @Override
    public RepaymentRecord record(NodeId borrower) {
        return records.getOrDefault(borrower, RepaymentRecord.NONE);
    }

    @Override
    public void putRecord(NodeId borrower, RepaymentRecord record) {
        records.put(borrower, record);
    }

    @Override
    public Optional<BlacklistEntry> blacklisted(NodeId borrower) {
        return Optional.ofNullable(blacklist.get(borrower));
    }

    @Override
    public void blacklist(BlacklistEntry entry) {
        blacklist.putIfAbsent(entry.node(), entry);
    }

    @Override
    public Optional<String> paidBill(String bill) {
        return Optional.ofNullable(bills.get(bill));
    }

    @Override
    public void markBillPaid(String bill, String tokenId) {
        bills.put(bill, tokenId);
    }

    @Override
    public long lastMessage(NodeId node) {
        return messages.getOrDefault(node, 0L);
    }

    @Override
    public void putLastMessage(NodeId node, long seq) {
        messages.put(node, seq);
    }

    @Override
    public BankBooks books() {
        return books;
    }

    @Override
    public void putBooks(BankBooks books) {
        this.books = books;
    }

    @Override
    public long nextLoanNumber() {
        return ++loanNumber;
    }

    @Override
    public List<Loan> allLoans() {
        return List.copyOf(loans.values());
    }
}
