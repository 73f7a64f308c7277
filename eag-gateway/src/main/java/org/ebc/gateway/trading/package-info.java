/**
 * The transaction server (the paper's Fig. 2): the adapter that runs the pure market, settlement and payment
 * cores ({@link org.ebc.gateway.market}, {@link org.ebc.gateway.settlement}, {@link org.ebc.gateway.payment}) on
 * one thread, against the gateway's SQLite file and the MQTT broker. Orders and payments arrive checked by the
 * ingress ({@link org.ebc.gateway.verify.TradeVerifier}); every change is committed (fsync'd) before the
 * receipt, allocation or bill that reports it is signed and published.
 */
package org.ebc.gateway.trading;
