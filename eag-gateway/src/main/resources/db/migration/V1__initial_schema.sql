-- V1: the account pool (nodes, wallets, balances), stored readings, gap events, the rejection log and
-- the counters the operator's status shows. STRICT tables: SQLite refuses a value of the wrong type
-- instead of storing it. Energy in whole Wh, money in integer minor units, times in ms since the epoch.

CREATE TABLE nodes (
    node_id            TEXT PRIMARY KEY,
    true_identity      TEXT,
    -- One node per meter: readings are keyed by (meter, page), two nodes on one meter would collide.
    meter_serial       TEXT NOT NULL UNIQUE,
    certificate_pem    TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    key_id             TEXT NOT NULL,
    not_before_ms      INTEGER NOT NULL,
    not_after_ms       INTEGER NOT NULL,
    bound_at_ms        INTEGER NOT NULL,
    source             TEXT NOT NULL
) STRICT;

CREATE TABLE wallets (
    address     TEXT PRIMARY KEY,
    node_id     TEXT NOT NULL REFERENCES nodes (node_id),
    bound_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX wallets_by_node ON wallets (node_id);

CREATE TABLE balances (
    address     TEXT PRIMARY KEY REFERENCES wallets (address),
    minor_units INTEGER NOT NULL CHECK (minor_units >= 0)
) STRICT;

-- Every accepted reading, with the exact bytes received (the signature covers them) and the columns
-- extracted from them. UNIQUE (meter_serial, page) makes storing idempotent whatever the verifier did.
CREATE TABLE readings (
    id              INTEGER PRIMARY KEY,
    meter_serial    TEXT NOT NULL,
    page            INTEGER NOT NULL CHECK (page >= 1),
    node_id         TEXT NOT NULL REFERENCES nodes (node_id),
    import_wh       INTEGER NOT NULL CHECK (import_wh >= 0),
    export_wh       INTEGER CHECK (export_wh >= 0),
    reading_time_ms INTEGER NOT NULL,
    clock_status    TEXT NOT NULL,
    flags           INTEGER NOT NULL,
    received_ms     INTEGER NOT NULL,
    raw             BLOB NOT NULL,
    UNIQUE (meter_serial, page)
) STRICT;

CREATE INDEX readings_by_node ON readings (node_id, page);

-- A forward jump of a meter's page counter: the missing pages first..last. filled counts the missing
-- pages that arrived later; closed_ms is set when all have.
CREATE TABLE gap_events (
    id            INTEGER PRIMARY KEY,
    meter_serial  TEXT NOT NULL,
    node_id       TEXT NOT NULL,
    first_missing INTEGER NOT NULL CHECK (first_missing >= 1),
    last_missing  INTEGER NOT NULL,
    detected_ms   INTEGER NOT NULL,
    filled        INTEGER NOT NULL DEFAULT 0,
    closed_ms     INTEGER,
    CHECK (last_missing >= first_missing),
    CHECK (filled >= 0 AND filled <= last_missing - first_missing + 1)
) STRICT;

CREATE INDEX gap_events_by_meter ON gap_events (meter_serial, first_missing);

-- The rejection log: who sent what was refused and why. Never the refused bytes (only a digest).
CREATE TABLE rejections (
    id          INTEGER PRIMARY KEY,
    received_ms INTEGER NOT NULL,
    sender      TEXT,
    topic       TEXT NOT NULL,
    page        INTEGER,
    reason      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    digest      TEXT NOT NULL
) STRICT;

-- Totals per reason since the database was created (the log above is pruned, these are not).
CREATE TABLE rejection_counts (
    reason TEXT PRIMARY KEY,
    count  INTEGER NOT NULL
) STRICT;

-- Other totals, e.g. re-deliveries (pages received again with identical bytes).
CREATE TABLE ingest_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

-- The last acknowledgement sequence number sent to each node, so it keeps rising across restarts.
CREATE TABLE ack_sequences (
    node_id  TEXT PRIMARY KEY REFERENCES nodes (node_id),
    last_seq INTEGER NOT NULL
) STRICT;
