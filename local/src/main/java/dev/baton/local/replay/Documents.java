package dev.baton.local.replay;

import org.bson.Document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Fields of the documents a rebuild writes, stored as the functions' repositories store them. */
final class Documents {
    private Documents() {
    }

    /** An Instant as a BSON date (milliseconds); a null field is left out, as the repositories leave it out. */
    static void put(Document document, String field, Object value) {
        if (value == null) {
            document.remove(field);
        } else if (value instanceof Instant instant) {
            document.put(field, Date.from(instant.truncatedTo(ChronoUnit.MILLIS)));
        } else {
            document.put(field, value);
        }
    }

    static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
