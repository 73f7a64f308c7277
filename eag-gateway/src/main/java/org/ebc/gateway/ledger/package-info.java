/**
 * The running ledger, an adapter around the pure {@code chain} and {@code consensus} cores: the consortium
 * node that drives a {@link org.ebc.gateway.consensus.ConsensusCore} over MQTT with real timers, mines on
 * its own thread and stores committed blocks in SQLite ({@link org.ebc.gateway.ledger.ConsortiumNode}); the
 * auditor that puts the chain's one block validator behind consensus's port ({@link
 * org.ebc.gateway.ledger.ChainAuditor}); and {@code ledger verify}'s check of every stored row ({@link
 * org.ebc.gateway.ledger.LedgerCheck}, pure: rows in, first finding out).
 */
@NullMarked
package org.ebc.gateway.ledger;

import org.jspecify.annotations.NullMarked;
