package org.ebc.gateway.credit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ebc.credit.CreditToken;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;
import org.ebc.gateway.credit.pricing.PricingOutcome;
import org.ebc.gateway.credit.pricing.Refusal;
import org.ebc.gateway.credit.pricing.RepaymentRecord;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * One EAG's credit bank (paper §III): lends energy coins against a borrower's credit through a token, pays the
 * borrower's sellers from the loan's shared wallet when they present the token, takes repayment (case one:
 * principal drawn + interest within the buffer; case two: late, {@code f + 1}, credit value lowered by
 * {@code d·amount}, principal + penalty; case three: written off and blacklisted consortium-wide), and keeps its
 * books balanced.
 *
 * <p>Money rules, all in integer minor units: the loan is {@code min(requested, the pricing's optimal loan)}; the
 * interest and the penalty are the offer's term interest rate and penalty rate of the amount lent, each rounded
 * down (whole ppm × minor units, {@code Ppm.of}); coins only move between accounts (reserve → shared wallet →
 * sellers; borrower → reserve), so no operation creates or destroys a coin. Unspent coins in the shared wallet go
 * back to the reserve when the loan is repaid or written off, and are not owed.
 *
 * <p>Single-threaded (the adapter calls it from one thread); pure but for its ports and clock.
 */
public final class CreditBank {
    private final EagId bank;
    private final WalletAddress reserve;
    private final CreditSettings settings;
    private final CreditBook book;
    private final Coins coins;
    private final CreditValues credit;
    private final LoanWallets wallets;
    private final TokenSigner signer;
    private final Clock clock;

    public CreditBank(
            EagId bank,
            WalletAddress reserve,
            CreditSettings settings,
            CreditBook book,
            Coins coins,
            CreditValues credit,
            LoanWallets wallets,
            TokenSigner signer,
            Clock clock) {
        this.bank = bank;
        this.reserve = reserve;
        this.settings = settings;
        this.book = book;
        this.coins = coins;
        this.credit = credit;
        this.wallets = wallets;
        this.signer = signer;
        this.clock = clock;
    }

    public EagId id() {
        return bank;
    }

    public WalletAddress reserve() {
        return reserve;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // Token request, steps 2–5.

    public CreditOutcome requestToken(TokenRequest r, BorrowerStanding standing) {
        return book.atomically(() -> request(r, standing));
    }

    private CreditOutcome request(TokenRequest r, BorrowerStanding standing) {
        NodeId node = r.borrower();
        if (!standing.registered()) {
            return CreditOutcome.refused(CreditRefusal.UNKNOWN_BORROWER, node + " is not a node registered at " + bank);
        }
        for (WalletAddress a : r.addresses()) {
            if (!standing.addresses().contains(a)) {
                return CreditOutcome.refused(CreditRefusal.FOREIGN_ADDRESS, a + " is not an address of " + node);
            }
        }
        if (!standing.addresses().contains(r.repayFrom())) {
            return CreditOutcome.refused(
                    CreditRefusal.FOREIGN_ADDRESS,
                    "repayment address " + r.repayFrom() + " is not an address of " + node);
        }
        Optional<BlacklistEntry> black = book.blacklisted(node);
        if (black.isPresent()) {
            BlacklistEntry b = black.get();
            return CreditOutcome.refused(
                    CreditRefusal.BLACKLISTED,
                    node + " defaulted on loan " + b.token() + " at " + b.bank() + " (" + b.at() + ")");
        }
        Optional<Loan> open = book.liveLoan(node);
        if (open.isPresent()) {
            return CreditOutcome.refused(
                    CreditRefusal.LOAN_OPEN,
                    node + " has loan " + open.get().id() + " (" + open.get().status() + ")");
        }
        if (r.amount().minorUnits() < 1) {
            return CreditOutcome.refused(CreditRefusal.BAD_AMOUNT, "a loan of " + r.amount() + " is no loan");
        }
        long value = credit.of(node);
        if (r.creditValue() != value) {
            return CreditOutcome.refused(
                    CreditRefusal.CREDIT_MISMATCH,
                    "the request states credit " + r.creditValue() + ", the bank's record is " + value);
        }
        if (value < 0) {
            return CreditOutcome.refused(CreditRefusal.NEGATIVE_CREDIT, node + " has credit value " + value);
        }
        if (standing.wealth().minorUnits() < 1) {
            return CreditOutcome.refused(CreditRefusal.NO_WEALTH, node + " holds no coins in its accounts");
        }
        if (standing.income().compareTo(settings.minIncome()) < 0
                || standing.income().minorUnits() < 1) {
            return CreditOutcome.refused(
                    CreditRefusal.NO_INCOME,
                    node + " earned " + standing.income() + " selling energy within the income window (at least "
                            + settings.minIncome() + " needed)");
        }
        RepaymentRecord rp = book.record(node);
        CreditGrade grade = grade(value);
        PricingOutcome priced = settings.method().price(pricingInput(rp, grade));
        if (priced instanceof Refusal refusal) {
            CreditRefusal reason = switch (refusal.reason()) {
                case UNPROFITABLE -> CreditRefusal.UNPROFITABLE;
                case NO_TIMELY_REPAYMENT -> CreditRefusal.NO_TIMELY_REPAYMENT;
                case INVALID_PARAMETERS -> CreditRefusal.PRICING_INVALID;
            };
            return CreditOutcome.refused(
                    reason,
                    "grade " + grade + ", RP(" + rp.repaidInTime() + ", " + rp.late() + "): " + refusal.detail());
        }
        Offer offer = (Offer) priced;
        CoinAmount amount = min(r.amount(), offer.loanAmount());
        if (coins.balance(reserve).compareTo(amount) < 0) {
            return CreditOutcome.refused(
                    CreditRefusal.RESERVE_INSUFFICIENT,
                    "the reserve holds " + coins.balance(reserve) + ", the loan is " + amount);
        }
        String id = bank.value() + ":loan-" + book.nextLoanNumber();
        WalletAddress shared = wallets.open(id);
        if (!coins.move(reserve, shared, amount)) {
            return CreditOutcome.refused(CreditRefusal.RESERVE_INSUFFICIENT, "the reserve could not fund " + amount);
        }
        Instant at = now();
        Instant validUntil = at.plus(settings.validity());
        CreditToken token = new CreditToken(
                bank,
                1,
                at,
                id,
                node,
                shared,
                amount,
                amount,
                validUntil,
                validUntil.plus(settings.buffer()),
                offer.termInterestRate().of(amount),
                offer.penaltyRate().of(amount),
                rp.repaidInTime(),
                rp.late(),
                CreditToken.NO_PAYMENTS);
        Loan loan = new Loan(token, signer.sign(token), CoinAmount.ZERO, Loan.Status.OPEN);
        book.put(loan);
        return CreditOutcome.accepted(
                "lent " + amount + " (asked " + r.amount() + ", optimal " + offer.loanAmount() + ") to " + node
                        + ", grade " + grade + ", interest " + token.interest() + ", penalty " + token.penalty(),
                loan,
                List.of(record(CreditRecord.GRANTED, token, amount, CoinAmount.ZERO, "", at)));
    }

    /** The borrower's grade from its credit value: 35 − ⌊credit / pointsPerGrade⌋, clamped to A1…G5. */
    CreditGrade grade(long creditValue) {
        long steps = Math.max(0, creditValue) / settings.pointsPerGrade();
        int rank = (int) Math.max(1, CreditGrade.COUNT - Math.min(CreditGrade.COUNT, steps));
        for (CreditGrade g : CreditGrade.values()) {
            if (g.rank() == rank) {
                return g;
            }
        }
        throw new IllegalStateException("no credit grade of rank " + rank);
    }

    private PricingInput pricingInput(RepaymentRecord rp, CreditGrade grade) {
        CreditSettings.Model m = settings.model();
        return new PricingInput(
                m.d(),
                m.theta(),
                m.months(),
                m.eta(),
                rp.lambda(),
                grade.gamma(),
                m.unitCost(),
                m.price(),
                m.minDemand(),
                m.alphaMax());
    }

    // Paying with the token, steps 3–4.

    public CreditOutcome pay(TokenPayment p) {
        return book.atomically(() -> payNow(p));
    }

    /**
     * What {@link #pay} would decide, changing nothing: refused with its reason, or accepted with the loan as it
     * stands; {@code payable} is false for a refusal and for a bill paid before (accepted, nothing to pay). An
     * adapter whose coins move elsewhere (the payment core's {@code cover}) checks first, moves, then pays.
     */
    public PaymentCheck check(TokenPayment p) {
        return book.atomically(() -> checkPayment(p));
    }

    /** @param outcome the refusal, or the accepted loan as it stands (nothing recorded yet) */
    public record PaymentCheck(CreditOutcome outcome, boolean payable) {}

    private CreditOutcome payNow(TokenPayment p) {
        PaymentCheck checked = checkPayment(p);
        if (!checked.payable()) {
            return checked.outcome();
        }
        Loan loan = java.util.Objects.requireNonNull(checked.outcome().loan());
        return draw(loan, p, now());
    }

    /**
     * Records a payment the loan's coins made already (a gateway stopped between the payment core's cover and this
     * bank's record of it): the draw, the re-signed token and the bill, without the token's checks, which held
     * when the payment was made. Refused if the loan is unknown or closed, or the bill was recorded before.
     */
    public CreditOutcome recordDraw(String tokenId, String bill, WalletAddress seller, CoinAmount amount) {
        return book.atomically(() -> {
            Optional<Loan> known = book.loan(tokenId);
            if (known.isEmpty() || !known.get().status().isLive()) {
                return CreditOutcome.refused(CreditRefusal.UNKNOWN_TOKEN, "no live loan " + tokenId);
            }
            if (book.paidBill(bill).isPresent()) {
                return CreditOutcome.accepted("bill " + bill + " was recorded before", known.get(), List.of());
            }
            return draw(known.get(), new TokenPayment(known.get().signed(), seller, bill, amount), now());
        });
    }

    private CreditOutcome draw(Loan loan, TokenPayment p, Instant at) {
        if (!coins.move(loan.token().wallet(), p.seller(), p.amount())) {
            // The book and the account pool disagree: refuse rather than pay from nowhere.
            return CreditOutcome.refused(
                    CreditRefusal.INSUFFICIENT_BALANCE,
                    "the shared wallet " + loan.token().wallet() + " does not hold " + p.amount());
        }
        String chain = Sha256.hex((loan.token().paymentsHash() + "|" + p.bill() + "|" + p.seller() + "|"
                        + p.amount().minorUnits() + "|" + (loan.token().version() + 1))
                .getBytes(StandardCharsets.UTF_8));
        CreditToken next = loan.token().afterPayment(p.amount(), at, chain);
        Loan after = new Loan(next, signer.sign(next), loan.drawn().plus(p.amount()), loan.status());
        book.put(after);
        book.markBillPaid(p.bill(), loan.id());
        return CreditOutcome.accepted(
                "paid " + p.amount() + " for bill " + p.bill() + " to " + p.seller() + "; token " + loan.id() + " v"
                        + next.version() + " holds " + next.balance(),
                after,
                List.of(record(CreditRecord.PAID, next, p.amount(), CoinAmount.ZERO, p.bill(), at)));
    }

    private PaymentCheck checkPayment(TokenPayment p) {
        if (p.amount().minorUnits() < 1 || p.bill().isBlank()) {
            return refusedCheck(CreditRefusal.BAD_PAYMENT, "a credit payment needs a bill and a positive amount");
        }
        // The bank compares the presented bytes with its own signed copy below, so reading them is enough here.
        Optional<CreditToken> presented = Optional.empty();
        EnvelopeResult framed = EnvelopeCodec.frame(p.token(), EnvelopeCodec.DEFAULT_MAX_BYTES);
        if (framed.isOk()) {
            EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
            if (parsed.isOk()) {
                Decoded<CreditToken> d = CreditToken.from(parsed.envelope());
                if (d.isOk()) {
                    presented = Optional.of(d.value());
                }
            }
        }
        if (presented.isEmpty() || !presented.get().bank().equals(bank)) {
            return refusedCheck(CreditRefusal.UNKNOWN_TOKEN, "the payment carries no token of " + bank);
        }
        CreditToken t = presented.get();
        Optional<Loan> known = book.loan(t.id());
        if (known.isEmpty()) {
            return refusedCheck(CreditRefusal.UNKNOWN_TOKEN, bank + " never issued token " + t.id());
        }
        Loan loan = known.get();
        Optional<String> paidUnder = book.paidBill(p.bill());
        if (paidUnder.isPresent()) {
            // A re-delivered bill: the payment stands once; say so and change nothing.
            return new PaymentCheck(
                    CreditOutcome.accepted(
                            "bill " + p.bill() + " was paid before with token " + paidUnder.get(), loan, List.of()),
                    false);
        }
        if (!Arrays.equals(loan.signed(), p.token())) {
            return refusedCheck(
                    CreditRefusal.TOKEN_MISMATCH,
                    "token " + t.id() + " v" + t.version() + " is not the bank's newest version (v"
                            + loan.token().version() + ")");
        }
        Optional<BlacklistEntry> black = book.blacklisted(loan.token().borrower());
        if (black.isPresent()) {
            return refusedCheck(
                    CreditRefusal.BLACKLISTED,
                    loan.token().borrower() + " is blacklisted by "
                            + black.get().bank());
        }
        Instant at = now();
        if (loan.status() != Loan.Status.OPEN || at.isAfter(loan.token().validUntil())) {
            return refusedCheck(
                    CreditRefusal.EXPIRED_TOKEN,
                    "token " + t.id() + " paid until " + loan.token().validUntil() + " (" + loan.status() + ")");
        }
        if (p.amount().compareTo(loan.token().balance()) > 0) {
            return refusedCheck(
                    CreditRefusal.INSUFFICIENT_BALANCE,
                    "token " + t.id() + " holds " + loan.token().balance() + ", the bill is " + p.amount());
        }
        return new PaymentCheck(CreditOutcome.accepted("payable", loan, List.of()), true);
    }

    private static PaymentCheck refusedCheck(CreditRefusal reason, String detail) {
        return new PaymentCheck(CreditOutcome.refused(reason, detail), false);
    }

    // Repayment, cases one and two.

    private CoinAmount fee(Loan l, Instant at) {
        return at.isAfter(l.token().repayBy()) ? l.token().penalty() : l.token().interest();
    }

    public CreditOutcome repay(String tokenId, WalletAddress from) {
        return book.atomically(() -> repayNow(tokenId, from));
    }

    private CreditOutcome repayNow(String tokenId, WalletAddress from) {
        return repaying(tokenId, (loan, late, at, records) -> {
            CoinAmount fee = fee(loan, at);
            CoinAmount due = loan.drawn().plus(fee);
            if (coins.balance(from).compareTo(due) < 0) {
                return new CreditOutcome(
                        CreditRefusal.NOT_ENOUGH_TO_REPAY,
                        from + " holds " + coins.balance(from) + ", " + due + " is due",
                        loan,
                        records,
                        List.of());
            }
            if (due.minorUnits() > 0 && !coins.move(from, reserve, due)) {
                return new CreditOutcome(
                        CreditRefusal.NOT_ENOUGH_TO_REPAY, from + " could not pay " + due, loan, records, List.of());
            }
            return close(loan, late, due, fee, at, records);
        });
    }

    /** How a repayment ends, once the loan is found live and marked late if its buffer passed. */
    @FunctionalInterface
    private interface Repayment {
        CreditOutcome settle(Loan loan, boolean late, Instant at, List<CreditRecord> records);
    }

    /** The repayments' common start: the loan known and live, case two counted if the buffer passed. */
    private CreditOutcome repaying(String tokenId, Repayment r) {
        Optional<Loan> known = book.loan(tokenId);
        if (known.isEmpty()) {
            return CreditOutcome.refused(CreditRefusal.UNKNOWN_TOKEN, bank + " never issued token " + tokenId);
        }
        Loan loan = known.get();
        if (!loan.status().isLive()) {
            return CreditOutcome.refused(CreditRefusal.LOAN_CLOSED, "loan " + tokenId + " is " + loan.status());
        }
        Instant at = now();
        List<CreditRecord> records = new ArrayList<>();
        boolean late = at.isAfter(loan.token().repayBy());
        if (late && loan.status() == Loan.Status.OPEN) {
            loan = markLate(loan, at, records);
        }
        return r.settle(loan, late, at, records);
    }

    /**
     * What the borrower owes on {@code loan} if it repays at {@code at}: the principal drawn plus the interest
     * (within the buffer) or the penalty (after it).
     */
    public CoinAmount due(Loan loan, Instant at) {
        return loan.drawn().plus(fee(loan, at));
    }

    /**
     * The loan's bills to its borrower (docs/payments.md, loan bills) have paid {@code paid} into the reserve: the
     * coins moved already, in the payment core. Closes the loan as {@link #repay} does (case one within the buffer,
     * case two after it) if {@code paid} covers what is due now; otherwise it is {@link
     * CreditRefusal#NOT_ENOUGH_TO_REPAY} and the loan stays, so that the rest can be billed. What was paid above the
     * principal drawn is the bank's income (the fee, or more if a fee billed earlier was higher).
     */
    public CreditOutcome repaidByBills(String tokenId, CoinAmount paid) {
        return book.atomically(() -> repaying(tokenId, (loan, late, at, records) -> {
            CoinAmount due = due(loan, at);
            if (paid.compareTo(due) < 0) {
                return new CreditOutcome(
                        CreditRefusal.NOT_ENOUGH_TO_REPAY,
                        "loan " + tokenId + ": " + paid + " paid of the " + due + " due",
                        loan,
                        records,
                        List.of());
            }
            return close(loan, late, paid, paid.minus(loan.drawn()), at, records);
        }));
    }

    /** Closes a repaid loan: unspent coins back, the fee booked, RP(s, f) and the final token. */
    private CreditOutcome close(
            Loan loan, boolean late, CoinAmount due, CoinAmount fee, Instant at, List<CreditRecord> records) {
        returnUnspent(loan);
        BankBooks b = book.books();
        book.putBooks(new BankBooks(b.capital(), b.income().plus(fee), b.losses()));
        NodeId node = loan.token().borrower();
        RepaymentRecord rp = book.record(node);
        if (!late) {
            book.putRecord(node, new RepaymentRecord(rp.repaidInTime() + 1, rp.late()));
        }
        CreditToken last = loan.token()
                .afterPayment(loan.token().balance(), at, loan.token().paymentsHash());
        Loan closed = new Loan(last, signer.sign(last), CoinAmount.ZERO, Loan.Status.REPAID);
        book.put(closed);
        records.add(record(late ? CreditRecord.REPAID_LATE : CreditRecord.REPAID, loan.token(), due, fee, "", at));
        return new CreditOutcome(
                null,
                (late ? "case two: repaid late, " : "case one: repaid in time, ") + due + " (principal drawn "
                        + loan.drawn() + " + " + (late ? "penalty " : "interest ") + fee + ")",
                closed,
                records,
                List.of());
    }

    private void returnUnspent(Loan loan) {
        CoinAmount left = loan.token().balance();
        if (left.minorUnits() > 0 && !coins.move(loan.token().wallet(), reserve, left)) {
            throw new IllegalStateException(
                    "the shared wallet " + loan.token().wallet() + " does not hold the " + left + " its token says");
        }
    }

    /** Case two: the buffer passed unpaid: f + 1, credit value − d·amount, recorded once. */
    private Loan markLate(Loan loan, Instant at, List<CreditRecord> records) {
        NodeId node = loan.token().borrower();
        RepaymentRecord rp = book.record(node);
        book.putRecord(node, new RepaymentRecord(rp.repaidInTime(), rp.late() + 1));
        long drop = Math.multiplyExact(
                loan.token().amount().minorUnits() / CoinAmount.MINOR_UNITS_PER_COIN, settings.creditDropPerCoin());
        credit.add(node, -drop);
        Loan late = loan.with(Loan.Status.LATE);
        book.put(late);
        records.add(
                record(CreditRecord.LATE, loan.token(), loan.token().amount(), CoinAmount.ZERO, "credit -" + drop, at));
        return late;
    }

    // Case three and the clock.

    /**
     * Moves every loan past its deadlines: past the buffer unpaid → case two (once); past the default limit → case
     * three: unspent coins back to the reserve, the drawn principal written off, the borrower blacklisted (the
     * outcome's {@code blacklisted} is for the consortium broadcast).
     */
    public CreditOutcome sweep() {
        return book.atomically(this::sweepNow);
    }

    private CreditOutcome sweepNow() {
        Instant at = now();
        List<CreditRecord> records = new ArrayList<>();
        List<BlacklistEntry> listed = new ArrayList<>();
        for (Loan l : book.liveLoans()) {
            Loan loan = l;
            if (loan.status() == Loan.Status.OPEN && at.isAfter(loan.token().repayBy())) {
                loan = markLate(loan, at, records);
            }
            if (at.isAfter(loan.token().repayBy().plus(settings.defaultAfter()))) {
                returnUnspent(loan);
                BankBooks b = book.books();
                book.putBooks(new BankBooks(b.capital(), b.income(), b.losses().plus(loan.drawn())));
                CreditToken last = loan.token()
                        .afterPayment(loan.token().balance(), at, loan.token().paymentsHash());
                Loan gone = new Loan(last, signer.sign(last), CoinAmount.ZERO, Loan.Status.DEFAULTED);
                book.put(gone);
                BlacklistEntry entry = new BlacklistEntry(loan.token().borrower(), bank, loan.id(), at);
                book.blacklist(entry);
                listed.add(entry);
                records.add(record(CreditRecord.DEFAULTED, loan.token(), loan.drawn(), CoinAmount.ZERO, "", at));
            }
        }
        return new CreditOutcome(null, records.size() + " loan event(s)", null, records, listed);
    }

    /** Another EAG's broadcast: its borrower defaulted; this bank refuses it from now on. */
    public void blacklisted(BlacklistEntry entry) {
        book.atomically(() -> {
            book.blacklist(entry);
            return null;
        });
    }

    /**
     * Takes a node's message sequence number if it is above every one taken before (durably, so a replay is
     * refused after a restart too); false for a replay or a message out of order.
     */
    public boolean admitMessage(NodeId node, long seq) {
        return book.atomically(() -> {
            if (seq <= book.lastMessage(node)) {
                return false;
            }
            book.putLastMessage(node, seq);
            return true;
        });
    }

    public Optional<Loan> loan(String tokenId) {
        return book.loan(tokenId);
    }

    /** The loans still open or late. */
    public List<Loan> liveLoans() {
        return book.liveLoans();
    }

    public CreditSettings settings() {
        return settings;
    }

    /** The node's credit value, as the bank reads it (its {@code CreditValues} port). */
    public long creditValue(NodeId node) {
        return credit.of(node);
    }

    /** Every loan the bank has made, any status. */
    public List<Loan> loans() {
        return book.allLoans();
    }

    public boolean isBlacklisted(NodeId node) {
        return book.blacklisted(node).isPresent();
    }

    /**
     * The bank's books against the coins it holds: reserve + shared wallets + drawn and not repaid, and capital +
     * income − losses. They are equal unless something is wrong.
     */
    public Audit audit() {
        CoinAmount held = coins.balance(reserve);
        CoinAmount lentOut = CoinAmount.ZERO;
        for (Loan l : book.liveLoans()) {
            held = held.plus(coins.balance(l.token().wallet()));
            lentOut = lentOut.plus(l.drawn());
        }
        return new Audit(held.plus(lentOut), book.books().equity());
    }

    /**
     * @param assets coins the bank holds plus what borrowers owe it (principal drawn)
     * @param equity capital + income − losses
     */
    public record Audit(CoinAmount assets, CoinAmount equity) {
        public boolean balances() {
            return assets.equals(equity);
        }
    }

    private CreditRecord record(String kind, CreditToken t, CoinAmount amount, CoinAmount fee, String ref, Instant at) {
        return new CreditRecord(kind, bank, t.id(), t.version(), t.borrower(), amount, fee, ref, at.toEpochMilli());
    }

    private static CoinAmount min(CoinAmount a, CoinAmount b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
