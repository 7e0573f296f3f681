package io.documind.notification.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How an instant reads in an email, e.g. {@code 2 December 2026, 13:50 UTC}. */
public final class Dates {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Dates() {
    }

    public static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
