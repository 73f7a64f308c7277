/**
 * Moving a substation's gateway to new hardware: {@link org.ebc.gateway.backup.GatewayBackup} copies the
 * database with SQLite's online backup API while the gateway runs (one consistent snapshot), with the
 * EAG's keys and the configuration; {@link org.ebc.gateway.backup.GatewayRestore} puts them in place on the
 * new machine while no gateway runs there.
 */
package org.ebc.gateway.backup;
