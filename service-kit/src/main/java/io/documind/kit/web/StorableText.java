package io.documind.kit.web;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for text a caller sends: no character that PostgreSQL or the contract cannot hold. That is NUL
 * (PostgreSQL's text cannot store it) and a lone UTF-16 surrogate (no UTF-8 encoding exists; the driver would
 * silently turn it into '?'). Other control characters are left to each field's own validation: PostgreSQL, JSON
 * and the event schemas all hold them, and a document's content may legitimately carry a tab or a form feed.
 */
public final class StorableText {

    /** The offending field (a JSON path, a parameter name, or "path") and why. */
    public record Refusal(String field, String message) {
    }

    private StorableText() {
    }

    /** The first character of {@code text} that cannot be stored, as a message; empty when all can. */
    public static Optional<String> problem(@Nullable CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain the NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain an unpaired UTF-16 surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * The first unstorable text in a parsed body or parameter map (maps, lists and scalars, as JSON or a form
     * decodes them), keys included, named by its path: {@code name}, {@code roles[1]}, {@code customData.note}.
     */
    public static Optional<Refusal> find(@Nullable Object value) {
        return find("", value);
    }

    private static Optional<Refusal> find(String path, @Nullable Object value) {
        if (value instanceof CharSequence text) {
            return problem(text).map(message -> new Refusal(path.isEmpty() ? "body" : path, message));
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                Optional<Refusal> found = problem(key).map(message -> new Refusal(child, "the name " + message))
                        .or(() -> find(child, entry.getValue()));
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<Refusal> found = find(path + "[" + i + "]", list.get(i));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
