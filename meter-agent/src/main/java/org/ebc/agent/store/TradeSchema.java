package org.ebc.agent.store;

import java.util.List;

/**
 * Schema version 2 of the agent's file: what the trader keeps ({@link SqliteTradeLedger}). Never edit a shipped
 * version; append one.
 */
final class TradeSchema {
    private TradeSchema() {}

    static final List<String> V2 = List.of(
            """
        CREATE TABLE trade_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            next_order_seq INTEGER NOT NULL CHECK (next_order_seq >= 1))""",
            "INSERT INTO trade_state (id, next_order_seq) VALUES (1, 1)",
            // The gateway refuses an order sequence it has seen: the file refuses to hand one out twice.
            """
        CREATE TRIGGER trade_state_never_backwards BEFORE UPDATE ON trade_state
        WHEN NEW.next_order_seq < OLD.next_order_seq
        BEGIN SELECT RAISE(ABORT, 'the order sequence never goes backwards'); END""",
            """
        CREATE TABLE border_readings (
            border_ms INTEGER PRIMARY KEY,
            import_wh INTEGER NOT NULL CHECK (import_wh >= 0),
            export_wh INTEGER NOT NULL CHECK (export_wh >= 0))""",
            """
        CREATE TABLE orders (
            seq INTEGER PRIMARY KEY CHECK (seq >= 1),
            slot_ms INTEGER NOT NULL UNIQUE,
            side TEXT NOT NULL,
            wh INTEGER NOT NULL CHECK (wh > 0),
            price INTEGER NOT NULL CHECK (price >= 0),
            address TEXT NOT NULL,
            envelope BLOB NOT NULL,
            placed_ms INTEGER NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            matched_wh INTEGER,
            updated_ms INTEGER NOT NULL)""",
            "CREATE INDEX orders_by_state ON orders (state, seq)",
            """
        CREATE TABLE allocations (
            slot_ms INTEGER PRIMARY KEY,
            order_seq INTEGER NOT NULL,
            side TEXT NOT NULL,
            ordered_wh INTEGER NOT NULL,
            matched_wh INTEGER NOT NULL,
            grid_wh INTEGER NOT NULL,
            trades INTEGER NOT NULL,
            value INTEGER NOT NULL,
            received_ms INTEGER NOT NULL)""",
            """
        CREATE TABLE bills (
            id TEXT PRIMARY KEY,
            bill_seq INTEGER NOT NULL,
            issued_ms INTEGER NOT NULL,
            slot_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            payer TEXT NOT NULL,
            payee TEXT NOT NULL,
            wh INTEGER NOT NULL,
            price INTEGER NOT NULL,
            amount INTEGER NOT NULL CHECK (amount >= 0),
            eag TEXT NOT NULL,
            envelope BLOB NOT NULL,
            role TEXT NOT NULL,
            state TEXT NOT NULL,
            nonce INTEGER NOT NULL,
            transfer BLOB,
            transfer_digest TEXT UNIQUE,
            nonce_retries INTEGER NOT NULL,
            wait_notice_seq INTEGER NOT NULL,
            reason TEXT NOT NULL,
            received_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL)""",
            "CREATE INDEX bills_by_state ON bills (role, state, bill_seq)",
            """
        CREATE TABLE wallets (
            address TEXT PRIMARY KEY,
            balance INTEGER NOT NULL,
            pending INTEGER NOT NULL,
            notice_nonce INTEGER NOT NULL,
            notice_seq INTEGER NOT NULL,
            notice_ms INTEGER NOT NULL,
            next_nonce INTEGER NOT NULL CHECK (next_nonce >= 1))""",
            """
        CREATE TABLE cosigns (
            transfer_digest TEXT PRIMARY KEY,
            bill TEXT NOT NULL,
            payer TEXT NOT NULL,
            payee TEXT NOT NULL,
            amount INTEGER NOT NULL,
            nonce INTEGER NOT NULL,
            envelope BLOB NOT NULL,
            cosign_digest TEXT NOT NULL UNIQUE,
            signed_ms INTEGER NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL,
            updated_ms INTEGER NOT NULL)""",
            """
        CREATE TABLE cosign_refusals (
            transfer_digest TEXT NOT NULL,
            reason TEXT NOT NULL,
            bill TEXT NOT NULL,
            detail TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            PRIMARY KEY (transfer_digest, reason))""");

    /** Schema version 3: the newest token of the node's loan (paper §III), as the bank signed it. */
    static final List<String> V3 = List.of("""
        CREATE TABLE credit_token (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            token BLOB NOT NULL,
            updated_ms INTEGER NOT NULL)""");
}
