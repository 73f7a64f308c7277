/**
 * Energy-coin payments in the EAG (paper §II.B.4, DESIGN §5): bills from settlement, transfers signed by
 * the payer's wallet key and co-signed by the payee's, balances, reservations and nonces per wallet
 * address, the grid account, the initial allocation, proof-of-flow awards, credit values, and the memory
 * pool from which Part E builds blocks.
 *
 * <p>{@link org.ebc.gateway.payment.Payments} is the pure core: it takes plain values and talks to the
 * world through small ports ({@link org.ebc.gateway.payment.PaymentStore}, {@link
 * org.ebc.gateway.payment.AddressBook}, {@link org.ebc.gateway.payment.HomeEags}, {@link
 * org.ebc.gateway.payment.Blacklist}, {@link org.ebc.gateway.payment.Signer}, a {@link java.time.Clock}).
 * It answers every call with an {@link org.ebc.gateway.payment.Outcome}: a status, a {@link
 * org.ebc.gateway.payment.Refusal} reason when refused, and the {@link org.ebc.gateway.payment.Notice}s
 * the wiring must send. Money is {@link org.ebc.units.CoinAmount} minor units throughout. See {@code
 * docs/payments.md}.
 */
@NullMarked
package org.ebc.gateway.payment;

import org.jspecify.annotations.NullMarked;
