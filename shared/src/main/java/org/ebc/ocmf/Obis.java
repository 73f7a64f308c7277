package org.ebc.ocmf;

/** The OBIS register identifiers ({@code RI}) ebc records carry. */
public final class Obis {
    /** Active energy imported from the grid (A+), total. */
    public static final String IMPORT_ACTIVE_ENERGY = "1-0:1.8.0";
    /** Active energy exported to the grid (A−), total. */
    public static final String EXPORT_ACTIVE_ENERGY = "1-0:2.8.0";

    private Obis() {}
}
