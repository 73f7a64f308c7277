-- V5: the credit bank (Part F): loans with the newest signed token (the token's fields are read from its
-- exact signed bytes, so the table cannot disagree with what the borrower holds), each borrower's repayment
-- record RP(s, f), the consortium's blacklist, the bills paid with tokens, and the bank's books. Money in
-- integer minor units, times in ms.

CREATE TABLE credit_loans (
    token_id TEXT PRIMARY KEY,
    borrower TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('OPEN', 'LATE', 'REPAID', 'DEFAULTED')),
    drawn    INTEGER NOT NULL CHECK (drawn >= 0),
    token    BLOB NOT NULL
) STRICT;

-- A second line of defence: one live loan per borrower.
CREATE UNIQUE INDEX credit_one_live_loan ON credit_loans (borrower) WHERE status IN ('OPEN', 'LATE');

CREATE TABLE credit_records (
    node           TEXT PRIMARY KEY,
    repaid_in_time INTEGER NOT NULL CHECK (repaid_in_time >= 0),
    late           INTEGER NOT NULL CHECK (late >= 0)
) STRICT;

CREATE TABLE credit_blacklist (
    node  TEXT PRIMARY KEY,
    bank  TEXT NOT NULL,
    token TEXT NOT NULL,
    at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE credit_bills (
    bill     TEXT PRIMARY KEY,
    token_id TEXT NOT NULL REFERENCES credit_loans (token_id)
) STRICT;

-- The highest credit-message sequence number taken from each node: a replayed message is refused, across restarts.
CREATE TABLE credit_message_seq (
    node TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL CHECK (seq >= 1)
) STRICT;

CREATE TABLE credit_books (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    capital INTEGER NOT NULL CHECK (capital >= 0),
    income  INTEGER NOT NULL CHECK (income >= 0),
    losses  INTEGER NOT NULL CHECK (losses >= 0),
    loans   INTEGER NOT NULL CHECK (loans >= 0)
) STRICT;
