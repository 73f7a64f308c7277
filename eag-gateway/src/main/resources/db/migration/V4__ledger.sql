-- V4: the ledger (Part E): committed blocks with their commit certificates and the transactions they carry,
-- and the consensus journal (what this EAG signed at the height being decided, and the block it saw
-- approved by a quorum), so that a restarted EAG never signs a conflicting vote.
--
-- A block, its transactions and its certificate are written in one transaction (synchronous=FULL). Every
-- column of ledger_blocks and ledger_transactions is either the exact bytes that were signed (block,
-- certificate, tx) or derived from them, so `eag-gateway ledger verify` can recompute and compare each
-- one: a changed byte anywhere in a committed row is caught. Hashes are 64 lowercase hex characters.

CREATE TABLE ledger_meta (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    genesis      TEXT NOT NULL CHECK (length(genesis) = 64),
    eag          TEXT NOT NULL
) STRICT;

CREATE TABLE ledger_blocks (
    height       INTEGER PRIMARY KEY CHECK (height >= 1),
    hash         TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    previous     TEXT NOT NULL CHECK (length(previous) = 64),
    miner        TEXT NOT NULL,
    timestamp_ms INTEGER NOT NULL,
    tx_count     INTEGER NOT NULL CHECK (tx_count >= 0),
    round        INTEGER NOT NULL CHECK (round >= 0),
    block        BLOB NOT NULL,
    certificate  BLOB NOT NULL
) STRICT;

-- position is the Merkle leaf index (0 is the block's coinbase, which stays inside the block bytes).
CREATE TABLE ledger_transactions (
    id       TEXT PRIMARY KEY CHECK (length(id) = 64),
    height   INTEGER NOT NULL REFERENCES ledger_blocks (height),
    position INTEGER NOT NULL CHECK (position >= 1),
    tx       BLOB NOT NULL,
    UNIQUE (height, position)
) STRICT;

CREATE TABLE consensus_signed (
    height  INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    message BLOB NOT NULL,
    PRIMARY KEY (height, seq)
) STRICT;

-- justification: the quorum's audits, each as 4-byte big-endian length + bytes.
CREATE TABLE consensus_valid (
    height        INTEGER PRIMARY KEY,
    round         INTEGER NOT NULL,
    block         BLOB NOT NULL,
    justification BLOB NOT NULL
) STRICT;
