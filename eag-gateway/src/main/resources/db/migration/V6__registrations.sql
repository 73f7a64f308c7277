-- V6: the authority's registrations as this EAG last received them over the consortium (issue 8): the newest
-- revision that verified under the authority's root, its exact signed bytes, kept so that a restarted EAG
-- re-validates its chain with the same registrations it committed it with. One row: a newer one replaces it.

CREATE TABLE consortium_registrations (
    seq         INTEGER PRIMARY KEY CHECK (seq >= 1),
    document    BLOB NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;
