-- V2 (Part D): evidence against meters that sign one page twice, operator flags on nodes, and the market:
-- orders exactly as signed, slots with their clearing and settlement. STRICT tables; energy in whole Wh,
-- prices in coin minor units per kWh, times in ms since the epoch.

-- A page a meter signed twice with different bytes: both records, exactly as received. An honest agent
-- never does this (its page counter is fsync'd before it signs): it is a cloned or tampered meter.
CREATE TABLE page_evidence (
    id            INTEGER PRIMARY KEY,
    meter_serial  TEXT NOT NULL,
    page          INTEGER NOT NULL CHECK (page >= 1),
    node_id       TEXT NOT NULL REFERENCES nodes (node_id),
    stored_raw    BLOB NOT NULL,
    second_raw    BLOB NOT NULL,
    second_digest TEXT NOT NULL,
    detected_ms   INTEGER NOT NULL,
    UNIQUE (meter_serial, page, second_digest)
) STRICT;

-- Nodes flagged for the operator (a double-signed page, say). A flagged node's orders are refused until an
-- operator clears the flag (eag-gateway node clear-flag); the row stays, with who cleared it and when.
CREATE TABLE node_flags (
    id         INTEGER PRIMARY KEY,
    node_id    TEXT NOT NULL REFERENCES nodes (node_id),
    reason     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    flagged_ms INTEGER NOT NULL,
    cleared_ms INTEGER,
    cleared_by TEXT
) STRICT;

CREATE INDEX node_flags_open ON node_flags (node_id) WHERE cleared_ms IS NULL;
