package dev.baton.eventing.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;

/** Recognises MongoDB's duplicate-key error however deeply a data layer wrapped it. */
public final class DuplicateKeys {
    private DuplicateKeys() {
    }

    public static boolean isDuplicateKey(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
