package org.ebc.gateway.storage;

import java.sql.SQLException;

/** The database failed underneath the gateway (disk full, file removed, I/O error): an operational fault. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** The database holds something it cannot: a row that breaks what the gateway wrote. */
    public StorageException(String message) {
        super(message);
    }
}
