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

-- Every order accepted into a slot's book, exactly as signed, with its decoded fields and the arrival index
-- the clearing breaks ties with (assigned when it was committed; part of the book). One order per node and
-- slot; a node's order sequence only rises, so a replayed order is refused.
CREATE TABLE orders (
    node_id     TEXT NOT NULL REFERENCES nodes (node_id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    slot_ms     INTEGER NOT NULL,
    side        TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    wh          INTEGER NOT NULL CHECK (wh > 0),
    price       INTEGER NOT NULL CHECK (price >= 0),
    address     TEXT NOT NULL,
    arrival     INTEGER NOT NULL UNIQUE CHECK (arrival >= 0),
    received_ms INTEGER NOT NULL,
    raw         BLOB NOT NULL,
    PRIMARY KEY (node_id, seq),
    UNIQUE (node_id, slot_ms)
) STRICT;

CREATE INDEX orders_by_slot ON orders (slot_ms, arrival);

-- A market slot's life: the posted-mode broadcast (demand, reference supply, price), the clearing (the
-- allocation's canonical bytes and digest) and the settlement (its canonical bytes and digest). A slot row
-- exists once something happened in it; the columns fill in as it passes through its phases.
CREATE TABLE market_slots (
    slot_ms             INTEGER PRIMARY KEY,
    length_ms           INTEGER NOT NULL CHECK (length_ms > 0),
    demand_wh           INTEGER,
    reference_supply_wh INTEGER,
    posted_price        INTEGER,
    noticed_ms          INTEGER,
    allocation          BLOB,
    allocation_digest   TEXT,
    cleared_ms          INTEGER,
    settlement          BLOB,
    settlement_digest   TEXT,
    settled_ms          INTEGER
) STRICT;

-- Orders, transfers and co-signatures the gateway refused: who, what, why. Never the refused bytes.
CREATE TABLE trade_refusals (
    id          INTEGER PRIMARY KEY,
    received_ms INTEGER NOT NULL,
    node_id     TEXT,
    about       TEXT NOT NULL,
    ref         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    digest      TEXT NOT NULL
) STRICT;

CREATE TABLE trade_refusal_counts (
    reason TEXT PRIMARY KEY,
    count  INTEGER NOT NULL
) STRICT;
