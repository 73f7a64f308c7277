/**
 * Settlement by the meters (DESIGN §5, the paper §II.B.4): after a slot, the signed registers at its borders
 * decide what each seller delivered and each buyer took, and {@link org.ebc.gateway.settlement.Settlement#settle}
 * turns that and the slot's {@link org.ebc.gateway.market.Allocation} into bill lines: peer to peer at the trade
 * price, and with the grid at its tariffs for every shortfall and surplus. A border reading that is missing after
 * the grace, flagged or implausible proves nothing, and the node is settled as having delivered and taken
 * nothing ({@code docs/market.md} § Settlement, {@code docs/decisions.md} § Part D — settlement without proof).
 *
 * <p>Pure Java (no MQTT, no JDBC; {@code CorePurityTest}), deterministic (same input, same bytes: {@link
 * org.ebc.gateway.settlement.SlotSettlement#canonicalBytes()}), integers only ({@code Energy} Wh, {@code
 * CoinAmount} minor units; {@code Price.costOf} rounds down once per line and the same integer is debited and
 * credited). All types are immutable and thread-safe.
 */
@NullMarked
package org.ebc.gateway.settlement;

import org.jspecify.annotations.NullMarked;
