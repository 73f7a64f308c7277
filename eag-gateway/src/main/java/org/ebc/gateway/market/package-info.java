/**
 * The transaction server's market (DESIGN §5, the paper §II.B.3): slots, order books and their clearing. Pure
 * Java (no MQTT, no JDBC, no command line; {@code CorePurityTest} checks it); the gateway's wiring feeds it
 * committed orders and publishes what it returns. Every function here is deterministic: the same book gives
 * the same bytes. Money and energy are integers ({@code Energy} Wh, {@code Price} minor units per kWh); every
 * division has a written rounding rule. {@code docs/market.md} describes the rules and formats for operators
 * and auditors.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link org.ebc.gateway.market.MarketParameters#fromSettings}: the rules, from the gateway's configuration.
 *   <li>{@link org.ebc.gateway.market.MarketCalendar}: when a slot takes orders ({@code timingOf}), closes,
 *       is delivered and is due for settlement.
 *   <li>{@link org.ebc.gateway.market.PostedTerms#compute}: the posted mode's broadcast at request closure.
 *   <li>{@link org.ebc.gateway.market.OrderBook} and {@link org.ebc.gateway.market.Clearing#clear}: the
 *       allocation at gate closure; {@link org.ebc.gateway.market.Allocation#canonicalBytes()},
 *       {@code digest()}, {@code viewOf(node)} and {@code summary()} for what is signed and sent.
 *   <li>{@link org.ebc.gateway.market.OrderBookFile}: the exported book an auditor re-clears.
 * </ul>
 *
 * <p>All types are immutable and thread-safe.
 */
@NullMarked
package org.ebc.gateway.market;

import org.jspecify.annotations.NullMarked;
