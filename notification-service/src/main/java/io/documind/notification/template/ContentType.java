package io.documind.notification.template;

import java.util.Arrays;
import java.util.Optional;

/** How a template's content is written: HTML (sent with a plain-text part derived from it) or plain text. */
public enum ContentType {
    HTML("text/html"),
    TEXT("text/plain");

    private final String mediaType;

    ContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ContentType> byMediaType(String mediaType) {
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
    }
}
