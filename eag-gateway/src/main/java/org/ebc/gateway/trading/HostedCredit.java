package org.ebc.gateway.trading;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.account.AccountPool;
import org.ebc.gateway.credit.BankBooks;
import org.ebc.gateway.credit.BlacklistEntry;
import org.ebc.gateway.credit.BorrowerStanding;
import org.ebc.gateway.credit.Coins;
import org.ebc.gateway.credit.CreditBank;
import org.ebc.gateway.credit.CreditBook;
import org.ebc.gateway.credit.CreditOutcome;
import org.ebc.gateway.credit.CreditRecord;
import org.ebc.gateway.credit.CreditRefusal;
import org.ebc.gateway.credit.CreditSettings;
import org.ebc.gateway.credit.CreditValues;
import org.ebc.gateway.credit.Loan;
import org.ebc.gateway.credit.TokenPayment;
import org.ebc.gateway.credit.TokenRequest;
import org.ebc.gateway.payment.BillFilter;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;
import org.ebc.gateway.payment.Payments;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.tinylog.Logger;

/**
 * The credit bank inside {@code eag-gateway run} (paper §III), its coins the payment core's: it lends from the EAG's
 * own account, so a loan's "shared wallet" is an earmark of that account (the token's balance), a credit payment is
 * {@link Payments#cover} (the EAG's account pays the borrower's bill, the seller co-signs), and a repayment is a loan
 * bill ({@link Payments#issueLoanBill}) that the borrower's node pays like any bill. Every call runs on the
 * transaction server's thread ({@link TransactionServer#call}), in turn with the orders and payments, so the bank,
 * the payment core and the market need no lock between them.
 *
 * <p>Order within a call, so that no bank transaction is open while the payment core commits (two connections to
 * one file, one writer at a time): a credit payment is checked by the bank ({@link CreditBank#check}), covered by
 * the payment core, then recorded by the bank; a credit value the bank lowers (case two) reaches the payment core
 * after the bank's commit.
 *
 * <p>What the bank may lend is the smaller of its books' reserve (capital + income − losses − principal out −
 * earmarks) and what the EAG's account has available beyond the earmarks: the account also pays grid-export bills
 * and holds the EAG's own earnings.
 */
public final class HostedCredit implements CreditDesk.Bank {
    /** How long the desk waits for the transaction server to run one of its calls. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final CreditBank bank;
    private final CreditBook book;
    private final TransactionServer server;
    private final PaymentDesk payments;
    private final AccountPool accounts;
    private final Duration incomeWindow;
    private final Clock clock;
    /** Credit values lowered by the bank in the current call, applied to the payment core after it. */
    private final Map<NodeId, Long> creditDrops = new TreeMap<>();

    /**
     * @param book the bank's book on a connection of its own to the gateway database
     * @param incomeWindow coins earned selling energy within this window count as the borrower's income (step 3 b)
     */
    public HostedCredit(
            EagId eag,
            KeyPair eagKeys,
            CreditSettings settings,
            CreditBook book,
            TransactionServer server,
            PaymentDesk payments,
            AccountPool accounts,
            Duration incomeWindow,
            Clock clock) {
        this.book = book;
        this.server = server;
        this.payments = payments;
        this.accounts = accounts;
        this.incomeWindow = incomeWindow;
        this.clock = clock;
        KeyId keyId = KeyId.of(eagKeys.getPublic());
        this.bank = new CreditBank(
                eag,
                payments.gridAddress(),
                settings,
                book,
                new EarmarkedCoins(),
                new Credit(),
                // A fresh address names the loan's earmark; nothing is ever paid to or from it in the payment core.
                token -> WalletAddress.of(KeyPairs.generate().getPublic()),
                token -> token.sign(eagKeys.getPrivate(), keyId),
                clock);
    }

    /** The bank itself, for queries and the operator's audit. */
    public CreditBank bank() {
        return bank;
    }

    private <T> T onServer(Callable<T> work) {
        try {
            return server.call(
                    () -> {
                        try {
                            return work.call();
                        } finally {
                            for (Map.Entry<NodeId, Long> e : creditDrops.entrySet()) {
                                payments.adjustCredit(e.getKey(), e.getValue());
                            }
                            creditDrops.clear();
                        }
                    },
                    WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the transaction server ran a credit call", e);
        }
    }

    /**
     * At start: a bill the payment core covered for a loan whose draw the bank has not recorded (the gateway stopped
     * between the two commits) is recorded now, so that the loan owes what the EAG's account paid.
     *
     * @return how many draws were recorded
     */
    public int reconcile() {
        return onServer(() -> {
            int recorded = 0;
            for (BillRecord b : payments.payments().bills(new BillFilter(null, null, null, Bill.P2P))) {
                String loan = b.coveredBy();
                if (loan == null || book.paidBill(b.id()).isPresent()) {
                    continue;
                }
                CreditOutcome o =
                        bank.recordDraw(loan, b.id(), b.bill().payee(), b.bill().amount());
                if (o.accepted()) {
                    recorded++;
                    Logger.warn(
                            "credit bank: bill {} was covered for loan {} before a stop; its draw is recorded now",
                            b.id(),
                            loan);
                } else {
                    Logger.error(
                            "credit bank: bill {} was covered for loan {}, which cannot take the draw: {} {}",
                            b.id(),
                            loan,
                            o.refusal(),
                            o.detail());
                }
            }
            return recorded;
        });
    }

    @Override
    public boolean admitMessage(NodeId node, long seq) {
        return onServer(() -> bank.admitMessage(node, seq));
    }

    @Override
    public CreditOutcome requestToken(TokenRequest r) {
        return onServer(() -> bank.requestToken(r, standing(r.borrower())));
    }

    /**
     * Step 2's facts from the account pool and the payment core: registered, its addresses, its wealth (the coins
     * available in them) and its income (what they were paid for energy, p2p and grid-export, within the window).
     */
    public BorrowerStanding standing(NodeId node) {
        List<WalletAddress> wallets = accounts.walletsOf(node);
        Payments core = payments.payments();
        CoinAmount wealth = CoinAmount.ZERO;
        for (WalletAddress a : wallets) {
            wealth = wealth.plus(core.account(a).available());
        }
        Instant since = clock.instant().minus(incomeWindow);
        CoinAmount income = CoinAmount.ZERO;
        Set<WalletAddress> mine = Set.copyOf(wallets);
        for (BillRecord b : core.bills(new BillFilter(mine, null, BillStatus.PAID, null))) {
            Instant paid = b.paidAt();
            boolean sale = b.bill().kind().equals(Bill.P2P) || b.bill().kind().equals(Bill.GRID_EXPORT);
            if (sale && mine.contains(b.bill().payee()) && paid != null && !paid.isBefore(since)) {
                income = income.plus(b.bill().amount());
            }
        }
        return new BorrowerStanding(accounts.node(node).isPresent(), Set.copyOf(wallets), wealth, income);
    }

    /**
     * A credit payment (steps 2–4): the bill must be the transaction server's open p2p bill of that payee and amount,
     * presented by its payee's node or by the borrower; the bank checks the token, the payment core takes the bill
     * over for the loan (the EAG's account pays it), and the bank records the draw and re-signs the token.
     */
    @Override
    public CreditOutcome pay(NodeId from, TokenPayment p) {
        return onServer(() -> {
            Optional<BillRecord> found = payments.payments().bill(p.bill());
            if (found.isEmpty()) {
                return CreditOutcome.refusedBy(CreditRefusal.BILL_MISMATCH, "no bill " + p.bill() + " was issued here");
            }
            Bill b = found.get().bill();
            if (!b.kind().equals(Bill.P2P)
                    || !b.payee().equals(p.seller())
                    || !b.amount().equals(p.amount())) {
                return CreditOutcome.refusedBy(
                        CreditRefusal.BILL_MISMATCH,
                        "bill " + b.id() + " is a " + b.kind() + " bill of " + b.amount() + " to " + b.payee()
                                + "; the payment says " + p.amount() + " to " + p.seller());
            }
            CreditBank.PaymentCheck checked = bank.check(p);
            if (!checked.payable()) {
                return checked.outcome();
            }
            Loan loan = java.util.Objects.requireNonNull(checked.outcome().loan());
            NodeId borrower = loan.token().borrower();
            boolean payee = accounts.ownerOf(b.payee()).map(from::equals).orElse(false);
            if (!payee && !from.equals(borrower)) {
                return CreditOutcome.refusedBy(
                        CreditRefusal.FOREIGN_ADDRESS,
                        "only bill " + b.id() + "'s payee or borrower " + borrower + " presents its token, not "
                                + from);
            }
            PaymentDesk.Covered covered = payments.cover(borrower, b.id(), loan.id());
            server.publish(covered.messages());
            if (covered.outcome().isRefused()) {
                return CreditOutcome.refusedBy(
                        CreditRefusal.BILL_REFUSED,
                        covered.outcome().reasonText() + ": "
                                + covered.outcome().detail());
            }
            return bank.pay(p);
        });
    }

    @Override
    public Optional<Loan> loan(String tokenId) {
        return onServer(() -> bank.loan(tokenId));
    }

    /**
     * The borrower asks to repay: the bank bills what is due and not billed yet (a loan bill to {@code from}, which
     * its node pays like any bill); the loan closes at the next sweep after its bills are paid.
     */
    @Override
    public CreditOutcome repay(String tokenId, WalletAddress from) {
        return onServer(() -> {
            Optional<Loan> known = bank.loan(tokenId);
            if (known.isEmpty()) {
                return CreditOutcome.refusedBy(CreditRefusal.UNKNOWN_TOKEN, "no loan " + tokenId + " here");
            }
            Loan loan = known.get();
            if (!loan.status().isLive()) {
                return CreditOutcome.refusedBy(CreditRefusal.LOAN_CLOSED, "loan " + tokenId + " is " + loan.status());
            }
            return billDue(loan, from);
        });
    }

    @Override
    public void blacklisted(BlacklistEntry entry) {
        onServer(() -> {
            bank.blacklisted(entry);
            return null;
        });
    }

    /**
     * The bank's deadlines (case two, case three), then: a loan whose token can pay no more is billed what is due,
     * and a loan whose bills are paid is closed.
     */
    @Override
    public CreditOutcome sweep() {
        return onServer(() -> {
            CreditOutcome swept = bank.sweep();
            List<CreditRecord> records = new ArrayList<>(swept.records());
            Instant now = clock.instant();
            for (Loan loan : bank.liveLoans()) {
                CoinAmount paid = CoinAmount.ZERO;
                for (BillRecord b : loanBills(loan)) {
                    if (b.status() == BillStatus.PAID) {
                        paid = paid.plus(b.bill().amount());
                    }
                }
                if (paid.minorUnits() > 0) {
                    CreditOutcome repaid = bank.repaidByBills(loan.id(), paid);
                    records.addAll(repaid.records());
                    if (repaid.accepted()) {
                        Logger.info(
                                "credit bank: loan {} of {}: {}",
                                loan.id(),
                                loan.token().borrower(),
                                repaid.detail());
                        continue;
                    }
                }
                if (now.isAfter(loan.token().validUntil())) {
                    List<WalletAddress> wallets =
                            accounts.walletsOf(loan.token().borrower());
                    if (!wallets.isEmpty()) {
                        billDue(bank.loan(loan.id()).orElse(loan), wallets.get(0));
                    }
                }
            }
            return new CreditOutcome(null, swept.detail(), null, records, swept.blacklisted());
        });
    }

    @Override
    public long creditOf(NodeId node) {
        return onServer(() -> bank.creditValue(node));
    }

    /** The loan's bills to its borrower so far (ids {@code <token id>/<n>}). */
    private List<BillRecord> loanBills(Loan loan) {
        String prefix = loan.id() + "/";
        List<BillRecord> out = new ArrayList<>();
        for (BillRecord b : payments.payments().bills(new BillFilter(null, null, null, Bill.LOAN))) {
            if (b.id().startsWith(prefix)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Bills what is due now and not billed yet; accepted with the bill's id, or saying nothing more is due. */
    private CreditOutcome billDue(Loan loan, WalletAddress payer) {
        List<BillRecord> billed = loanBills(loan);
        CoinAmount sum = CoinAmount.ZERO;
        for (BillRecord b : billed) {
            sum = sum.plus(b.bill().amount());
        }
        CoinAmount due = bank.due(loan, clock.instant());
        if (due.compareTo(sum) <= 0) {
            return CreditOutcome.accepted(
                    "loan " + loan.id() + ": " + due + " due, billed already (" + billed.size() + " bill(s))",
                    loan,
                    List.of());
        }
        String id = loan.id() + "/" + (billed.size() + 1);
        PaymentDesk.Covered issued = payments.issueLoanBill(loan.token().borrower(), id, payer, due.minus(sum));
        server.publish(issued.messages());
        if (issued.outcome().isRefused()) {
            return CreditOutcome.refusedBy(
                    CreditRefusal.BILL_REFUSED,
                    issued.outcome().reasonText() + ": " + issued.outcome().detail());
        }
        Logger.info("credit bank: loan {}: billed {} to {} (bill {})", loan.id(), due.minus(sum), payer, id);
        return CreditOutcome.accepted(
                "loan " + loan.id() + ": pay bill " + id + " of " + due.minus(sum) + " (" + due + " due)",
                loan,
                List.of());
    }

    /** The payment core's coins, with the loans' earmarks on the EAG's account. */
    private final class EarmarkedCoins implements Coins {
        @Override
        public CoinAmount balance(WalletAddress address) {
            if (address.equals(payments.gridAddress())) {
                return reserve();
            }
            for (Loan l : book.liveLoans()) {
                if (l.token().wallet().equals(address)) {
                    return l.token().balance();
                }
            }
            return payments.payments().account(address).available();
        }

        private CoinAmount reserve() {
            long earmarked = 0;
            long out = 0;
            for (Loan l : book.liveLoans()) {
                earmarked += l.token().balance().minorUnits();
                out += l.drawn().minorUnits();
            }
            BankBooks books = book.books();
            long onBooks = books.equity().minorUnits() - out - earmarked;
            long inAccount = payments.payments()
                            .account(payments.gridAddress())
                            .available()
                            .minorUnits()
                    - earmarked;
            return CoinAmount.ofMinorUnits(Math.max(0, Math.min(onBooks, inAccount)));
        }

        @Override
        public boolean move(WalletAddress from, WalletAddress to, CoinAmount amount) {
            if (from.equals(payments.gridAddress())) {
                // A grant: the token written next earmarks the coins.
                return reserve().compareTo(amount) >= 0;
            }
            Set<WalletAddress> earmarks = new HashSet<>();
            for (Loan l : book.liveLoans()) {
                earmarks.add(l.token().wallet());
            }
            // From an earmark: to a seller, the cover moved the coins already; back to the reserve, nothing moves.
            // A borrower's own coins move only by its own signed transfer (a loan bill), never from here.
            return earmarks.contains(from);
        }
    }

    /** Credit values: the payment core's; a drop reaches it after the bank's call (see the class comment). */
    private final class Credit implements CreditValues {
        @Override
        public long of(NodeId node) {
            return payments.payments().creditValue(node) + creditDrops.getOrDefault(node, 0L);
        }

        @Override
        public void add(NodeId node, long delta) {
            creditDrops.merge(node, delta, Long::sum);
        }
    }
}
