-- V7 (issue 9, the credit bank in the payment core): bills get two things V3's table cannot hold.
-- * covered_by: a p2p bill the EAG's credit bank took over for its payer, the loan (its token id) whose bank pays
--   it from the EAG's account. Null for every bill its payer pays itself. Once set it stays: the payer's own
--   transfers for the bill are refused from then on, and the EAG's account pays it again after an expiry.
-- * kind 'loan': a borrower repays the bank (payer = the borrower's address, payee = the EAG's account, no
--   energy, wh = price = 0, amount > 0).
-- SQLite cannot change a CHECK in place, so the table is rebuilt (SQLite's documented procedure: new table, copy,
-- drop, rename, indexes again); the migrator runs this script with foreign keys off and checks them before it
-- commits (payment_transfers.bill references payment_bills.id).

CREATE TABLE payment_bills_v7 (
    id         TEXT PRIMARY KEY,
    eag        TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    issued_ms  INTEGER NOT NULL,
    slot_ms    INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('p2p', 'grid-import', 'grid-export', 'loan')),
    payer      TEXT NOT NULL,
    payee      TEXT NOT NULL CHECK (payee <> payer),
    wh         INTEGER NOT NULL CHECK (wh >= 0),
    price      INTEGER NOT NULL CHECK (price >= 0),
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    status     TEXT NOT NULL CHECK (status IN ('open', 'pending', 'paid')),
    transfer   TEXT,
    attempts   INTEGER NOT NULL CHECK (attempts >= 0),
    retry_ms   INTEGER,
    paid_ms    INTEGER,
    covered_by TEXT,
    CHECK (status <> 'open' OR transfer IS NULL),
    CHECK (status <> 'pending' OR transfer IS NOT NULL),
    CHECK ((status = 'paid') = (paid_ms IS NOT NULL)),
    CHECK (covered_by IS NULL OR kind = 'p2p'),
    CHECK (kind <> 'loan' OR (wh = 0 AND price = 0 AND amount > 0))
) STRICT;

INSERT INTO payment_bills_v7 (id, eag, seq, issued_ms, slot_ms, kind, payer, payee, wh, price, amount, status,
                              transfer, attempts, retry_ms, paid_ms, covered_by)
    SELECT id, eag, seq, issued_ms, slot_ms, kind, payer, payee, wh, price, amount, status,
           transfer, attempts, retry_ms, paid_ms, NULL
    FROM payment_bills;

DROP TABLE payment_bills;

ALTER TABLE payment_bills_v7 RENAME TO payment_bills;

CREATE INDEX payment_bills_by_status ON payment_bills (status, kind, seq);
CREATE INDEX payment_bills_by_slot ON payment_bills (slot_ms, kind);
CREATE INDEX payment_bills_by_payer ON payment_bills (payer);
CREATE INDEX payment_bills_by_payee ON payment_bills (payee);
