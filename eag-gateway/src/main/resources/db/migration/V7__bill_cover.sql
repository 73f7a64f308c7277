-- V7: a p2p bill that the EAG's credit bank took over for its payer (issue 9): the loan (its token id) whose
-- bank pays it from the EAG's account. Null for every bill its payer pays itself. Once set it stays: the
-- payer's own transfers for the bill are refused from then on, and the EAG's account pays it again after an
-- expiry, as it pays grid-export bills.

ALTER TABLE payment_bills ADD COLUMN covered_by TEXT CHECK (covered_by IS NULL OR kind = 'p2p');
