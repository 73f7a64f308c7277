package org.ebc.gateway.settlement;

/** What a bill line pays for. */
public enum BillKind {
    /** Energy a seller delivered to a buyer, at the trade's price: buyer pays seller. */
    P2P("p2p"),
    /** Energy a buyer took within its order that no seller delivered to it, at the retail tariff: buyer pays grid. */
    GRID_IMPORT("grid-import"),
    /** Energy a seller fed in within its order that no buyer paid for, at the feed-in tariff: grid pays seller. */
    GRID_EXPORT("grid-export");

    private final String wireName;

    BillKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
