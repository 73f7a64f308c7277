/**
 * The credit bank (paper §III; DESIGN §5): token requests (steps 1–5), credit payments with the token (steps
 * 1–4), repayment cases one, two and three, the consortium's blacklist, and the bank's books. Pure: the bank
 * acts on coins, credit values, loan wallets and signatures only through small ports ({@link
 * org.ebc.gateway.credit.Coins}, {@link org.ebc.gateway.credit.CreditValues}, {@link
 * org.ebc.gateway.credit.LoanWallets}, {@link org.ebc.gateway.credit.TokenSigner}) and keeps its state in a
 * {@link org.ebc.gateway.credit.CreditBook}; the clock is injected. Loan prices come from {@code pricing}.
 * Every decision returns a reason; nothing here throws on a borrower's input. {@code docs/credit-bank.md}.
 */
@NullMarked
package org.ebc.gateway.credit;

import org.jspecify.annotations.NullMarked;
