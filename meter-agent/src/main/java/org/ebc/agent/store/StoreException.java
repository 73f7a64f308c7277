package org.ebc.agent.store;

/**
 * The agent's SQLite file cannot be used (disk full, unreadable, a schema from a newer agent, a
 * constraint that refuses a backwards register). The message names the file.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
