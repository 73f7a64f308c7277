-- V3: energy-coin payments (Part D): accounts per wallet address (and the grid account), bills and where
-- their payment stands, admitted transfers with their exact bytes, the memory pool, allocations, mints,
-- proof-of-flow awards and credit values. Money in integer minor units, energy in Wh, times in ms.
--
-- These tables supersede V1's `balances` for coins: V1's table requires an address bound to a node (the
-- grid account is the EAG's own address and is not), and coins may only move together with a transfer,
-- a bill and a memory-pool entry, in one transaction. V1's `balances` stays as it is, unused by payments.
-- The CHECKs and unique indexes repeat the payment rules as a second line of defence: a bug in the core
-- makes a commit fail instead of spending coins twice.

CREATE TABLE payment_accounts (
    address       TEXT PRIMARY KEY,
    balance       INTEGER NOT NULL CHECK (balance >= 0),
    reserved      INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= balance),
    next_nonce    INTEGER NOT NULL CHECK (next_nonce >= 1),
    applied_nonce INTEGER NOT NULL CHECK (applied_nonce >= 0 AND applied_nonce < next_nonce)
) STRICT;

CREATE TABLE payment_bills (
    id        TEXT PRIMARY KEY,
    eag       TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    issued_ms INTEGER NOT NULL,
    slot_ms   INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('p2p', 'grid-import', 'grid-export')),
    payer     TEXT NOT NULL,
    payee     TEXT NOT NULL CHECK (payee <> payer),
    wh        INTEGER NOT NULL CHECK (wh >= 0),
    price     INTEGER NOT NULL CHECK (price >= 0),
    amount    INTEGER NOT NULL CHECK (amount >= 0),
    status    TEXT NOT NULL CHECK (status IN ('open', 'pending', 'paid')),
    transfer  TEXT,
    attempts  INTEGER NOT NULL CHECK (attempts >= 0),
    retry_ms  INTEGER,
    paid_ms   INTEGER,
    CHECK (status <> 'open' OR transfer IS NULL),
    CHECK (status <> 'pending' OR transfer IS NOT NULL),
    CHECK ((status = 'paid') = (paid_ms IS NOT NULL))
) STRICT;

CREATE INDEX payment_bills_by_status ON payment_bills (status, kind, seq);
CREATE INDEX payment_bills_by_slot ON payment_bills (slot_ms, kind);
CREATE INDEX payment_bills_by_payer ON payment_bills (payer);
CREATE INDEX payment_bills_by_payee ON payment_bills (payee);

-- Every transfer admitted, with the bytes received (the payer's signature covers them) and, once
-- co-signed, the co-signature's bytes. A released transfer stays (its digest may be admitted again).
CREATE TABLE payment_transfers (
    digest      TEXT PRIMARY KEY,
    payer       TEXT NOT NULL,
    nonce       INTEGER NOT NULL CHECK (nonce >= 1),
    payee       TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    bill        TEXT NOT NULL REFERENCES payment_bills (id),
    state       TEXT NOT NULL CHECK (state IN ('pending', 'cosigned', 'applied', 'released')),
    admitted_ms INTEGER NOT NULL,
    deadline_ms INTEGER NOT NULL,
    raw         BLOB NOT NULL,
    cosign      BLOB,
    released_as TEXT,
    CHECK ((state IN ('cosigned', 'applied')) = (cosign IS NOT NULL)),
    CHECK ((state = 'released') = (released_as IS NOT NULL))
) STRICT;

-- No double spend, written as the database sees it: one live or applied transfer per payer and nonce,
-- and one per bill (so a bill is paid at most once).
CREATE UNIQUE INDEX payment_transfers_held_nonce ON payment_transfers (payer, nonce) WHERE state <> 'released';
CREATE UNIQUE INDEX payment_transfers_held_bill ON payment_transfers (bill) WHERE state <> 'released';
CREATE INDEX payment_transfers_live ON payment_transfers (state, deadline_ms) WHERE state IN ('pending', 'cosigned');

-- The memory pool: ledger entries in the order they entered, until Part E reports them committed.
-- transfer: body = transfer envelope, cosign = co-signature envelope; allocation/award: the fields in
-- columns (body = their canonical JSON, whose SHA-256 is the id); other kinds: body = the document.
CREATE TABLE memory_pool (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    body         BLOB NOT NULL,
    cosign       BLOB,
    address      TEXT,
    amount       INTEGER CHECK (amount > 0),
    holder       TEXT,
    period_ms    INTEGER,
    wh           INTEGER CHECK (wh >= 0),
    entered_ms   INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('ready', 'committed')),
    committed_ms INTEGER,
    CHECK ((status = 'committed') = (committed_ms IS NOT NULL)),
    CHECK ((kind = 'transfer') = (cosign IS NOT NULL))
) STRICT;

CREATE INDEX memory_pool_ready ON memory_pool (status, seq);

CREATE TABLE payment_allocations (
    holder_key TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    grid       INTEGER NOT NULL CHECK (grid IN (0, 1)),
    address    TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    at_ms      INTEGER NOT NULL
) STRICT;

CREATE TABLE payment_mints (
    ref             TEXT PRIMARY KEY,
    address         TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (amount > 0),
    award_period_ms INTEGER,
    at_ms           INTEGER NOT NULL
) STRICT;

CREATE TABLE pof_awards (
    period_ms INTEGER PRIMARY KEY,
    address   TEXT NOT NULL,
    amount    INTEGER NOT NULL CHECK (amount > 0),
    wh        INTEGER NOT NULL CHECK (wh > 0),
    entry     TEXT NOT NULL,
    paid_by   TEXT REFERENCES payment_mints (ref)
) STRICT;

-- Credit values per node (paper §II.B.4: both parties' values rise after a paid trade; Part F lowers them).
CREATE TABLE credit_values (
    node_id TEXT PRIMARY KEY,
    value   INTEGER NOT NULL
) STRICT;

CREATE TABLE payment_meta (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
