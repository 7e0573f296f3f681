package io.documind.kit.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What Micronaut's JSON binding lets through and a caller would never mean: text after the body's one JSON value
 * ({@code {"name":"a"} {"name":"b"}} bound the first and answered 201), and a name given twice inside a nested
 * object (a {@code customData} of {@code {"a":1,"a":2}} kept the last; the binding refuses it only on the body's
 * own properties). Jackson's streaming parser reads a root value and stops, and neither Micronaut serde nor
 * jackson-core has a switch for either, so one pass over the tokens checks both, without building anything.
 */
public final class StrictJson {

    private static final JsonFactory TOKENS = new JsonFactory();
    /** Stands for an array on the stack of open containers: its members have no names. */
    private static final Set<String> ARRAY = Set.of();

    private StrictJson() {
    }

    /**
     * The body's flaw, if it has one of the two; empty also when it is not JSON at all before its first value ends
     * (the route's binding answers that, as before).
     */
    public static Optional<StorableText.Refusal> flaw(byte[] body) {
        Deque<Set<String>> open = new ArrayDeque<>();
        boolean rootEnded = false;
        try (JsonParser tokens = TOKENS.createParser(body)) {
            while (true) {
                JsonToken token;
                try {
                    token = tokens.nextToken();
                } catch (IOException e) {
                    // Past the root value even garbage is "after it"; before, the value itself is broken.
                    return rootEnded ? Optional.of(trailing()) : Optional.empty();
                }
                if (token == null) {
                    return Optional.empty();
                }
                if (rootEnded) {
                    return Optional.of(trailing());
                }
                switch (token) {
                    case START_OBJECT -> open.push(new HashSet<>());
                    case START_ARRAY -> open.push(ARRAY);
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case FIELD_NAME -> {
                        String name = tokens.currentName();
                        if (!open.peek().add(name)) {
                            return Optional.of(new StorableText.Refusal(path(tokens), "is given more than once"));
                        }
                    }
                    default -> {
                    }
                }
                rootEnded = open.isEmpty();
            }
        } catch (IOException e) {
            return Optional.empty(); // closing a parser over a byte array does not fail
        }
    }

    /** The field's path as {@link StorableText} writes it: {@code extra.note}, {@code tags[1].name}. */
    private static String path(JsonParser tokens) {
        Deque<String> parts = new ArrayDeque<>(); // outermost first
        for (var context = tokens.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            parts.push(context.inObject() ? "." + context.getCurrentName() : "[" + context.getCurrentIndex() + "]");
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path; // a body object's own names stand alone
    }

    private static StorableText.Refusal trailing() {
        return new StorableText.Refusal("body", "must be one JSON value with nothing after it");
    }
}
