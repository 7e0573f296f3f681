package io.documind.document.documents;

import jakarta.inject.Singleton;

/** The cursor codec with the key every instance shares through the database (table service_secret). */
@Singleton
public class PageCursors {

    private final ServiceSecrets secrets;
    private volatile PageCursor codec;

    public PageCursors(ServiceSecrets secrets) {
        this.secrets = secrets;
    }

    public PageCursor codec() {
        PageCursor c = codec;
        if (c == null) {
            c = new PageCursor(secrets.findById("page-cursor").map(ServiceSecret::value)
                    .orElseThrow(() -> new IllegalStateException("service_secret 'page-cursor' is missing (migration V1)")));
            codec = c;
        }
        return c;
    }
}
