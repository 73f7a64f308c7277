/**
 * Energy-coin payments on the wire (DESIGN §5; paper §II.B.4): a {@link org.ebc.payment.Transfer} signed by
 * the payer's wallet key, the payee's {@link org.ebc.payment.Cosign} over it, and what the EAG sends the
 * nodes about them ({@link org.ebc.payment.CosignRequest}, {@link org.ebc.payment.BalanceNotice}). A
 * transfer and its co-signature carry their signers' public keys, so each checks with no registry:
 * {@link org.ebc.payment.PaymentCheck}. Addresses are pseudonyms; no node id appears in a transfer.
 */
@NullMarked
package org.ebc.payment;

import org.jspecify.annotations.NullMarked;
