/**
 * The meter agent trades by itself (DESIGN §4, paper §II.B.3–4): each market slot it decides from its own
 * durable registers whether to buy, sell or stay idle ({@link org.ebc.agent.trading.TradingPolicy}), places
 * its signed order at the right moment ({@link org.ebc.agent.trading.OrderDesk}), pays the bills it owes
 * with transfers signed by its wallet key ({@link org.ebc.agent.trading.BillDesk}), and co-signs the
 * transfers that pay its sales after checking them against its bills ({@link org.ebc.agent.trading.SaleCosigner}).
 *
 * <p>Pure core: no MQTT, no JDBC. It talks to the world through two small ports, {@link
 * org.ebc.agent.trading.TradeLedger} (durable state; SQLite in {@code org.ebc.agent.store}, an in-memory twin
 * in the tests) and {@link org.ebc.agent.trading.Outgoing} (publishing), and takes time from an injected
 * {@link java.time.Clock}. Everything runs on the agent's single thread; no class here is thread-safe.
 */
@NullMarked
package org.ebc.agent.trading;

import org.jspecify.annotations.NullMarked;
