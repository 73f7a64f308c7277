package org.ebc.hardware;

/**
 * The direction of energy flow a register or an S0 input counts: IMPORT is OBIS {@code 1-0:1.8.0} (from
 * the grid into the node), EXPORT is OBIS {@code 1-0:2.8.0} (from the node into the grid).
 */
public enum Direction {
    IMPORT,
    EXPORT
}
