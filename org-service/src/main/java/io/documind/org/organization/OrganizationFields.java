package io.documind.org.organization;

import io.documind.kit.web.ProblemException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** The rules for an organization's Logto fields: a size cap on customData, absolute http(s) logo URLs. */
@Singleton
public class OrganizationFields {

    private final JsonMapper json;
    private final OrganizationSettings settings;

    public OrganizationFields(JsonMapper json, OrganizationSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** How deep customData may nest: ample for settings, and far from the 1,000 levels Jackson writes. */
    static final int CUSTOM_DATA_MAX_DEPTH = 32;

    /**
     * The customData to store: at most {@code custom-data-max-bytes} of UTF-8 JSON nesting at most
     * {@link #CUSTOM_DATA_MAX_DEPTH} levels, with finite numbers only, else 400. Numbers are kept as JSON's usual
     * doubles (as Logto's, on Node.js); one beyond a double's range read as infinity and came back as the string
     * "Infinity".
     */
    public Map<String, Object> customData(Map<String, Object> customData) {
        if (checkedDepth(customData) > CUSTOM_DATA_MAX_DEPTH) {
            throw ProblemException.badRequest("customData", "must nest at most " + CUSTOM_DATA_MAX_DEPTH + " levels");
        }
        try {
            int size = json.writeValueAsBytes(customData).length;
            if (size > settings.getCustomDataMaxBytes()) {
                throw ProblemException.badRequest("customData", "must be at most " + settings.getCustomDataMaxBytes()
                        + " bytes of JSON, was " + size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return customData;
    }

    /** Levels of objects and arrays in a bound JSON value (a scalar is 0); 400 for a number that is not finite. */
    private static int checkedDepth(Object value) {
        // Iterative: the value may nest up to the reader's limit (1,000 levels), deeper than is wise to recurse.
        int deepest = 0;
        ArrayDeque<Map.Entry<Object, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(value, 1));
        while (!pending.isEmpty()) {
            Map.Entry<Object, Integer> next = pending.pop();
            Collection<?> children = next.getKey() instanceof Map<?, ?> m ? m.values()
                    : next.getKey() instanceof Collection<?> c ? c : null;
            if (children == null) {
                if (next.getKey() instanceof Number n && (n instanceof Double || n instanceof Float)
                        && !Double.isFinite(n.doubleValue())) {
                    throw ProblemException.badRequest("customData", "numbers must be finite (within a double's range)");
                }
                continue;
            }
            deepest = Math.max(deepest, next.getValue());
            for (Object child : children) {
                if (child != null) {
                    pending.push(Map.entry(child, next.getValue() + 1));
                }
            }
        }
        return deepest;
    }

    /**
     * A logo URL to store, or null: absolute, http or https, with a host; else 400 naming {@code field}. The scheme is
     * stored in lower case, as the event schemas (and RFC 3986's normal form) write it.
     */
    public static String logoUrl(String url, String field) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return scheme + url.substring(scheme.length());
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ProblemException.badRequest(field, "must be an absolute http or https URL");
    }
}
