/**
 * The credit bank's signed messages (paper §III; DESIGN §5): the {@link org.ebc.credit.CreditToken} a bank
 * issues for a loan and re-signs after each credit payment. The agent and the gateway both read them.
 */
@NullMarked
package org.ebc.credit;

import org.jspecify.annotations.NullMarked;
