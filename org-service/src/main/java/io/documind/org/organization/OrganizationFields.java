package io.documind.org.organization;

import io.documind.kit.web.ProblemException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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

    /** The customData to store: at most {@code custom-data-max-bytes} of UTF-8 JSON, else 400. */
    public Map<String, Object> customData(Map<String, Object> customData) {
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

    /** A logo URL to store, or null: absolute, http or https, with a host; else 400 naming {@code field}. */
    public static String logoUrl(String url, String field) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ProblemException.badRequest(field, "must be an absolute http or https URL");
    }
}
