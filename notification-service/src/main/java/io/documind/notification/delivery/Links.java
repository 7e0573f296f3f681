package io.documind.notification.delivery;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Invitation links: only http(s) links are emailed, and only their redacted form is ever stored. */
public final class Links {

    static final String REDACTED = "REDACTED";

    private Links() {
    }

    /** Why the link must not be emailed (a {@code javascript:} or relative link), or empty when it may. */
    public static Optional<String> problem(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getHost() == null) {
                return Optional.of("the link is not an absolute http(s) URL");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the link is not a valid URL");
        }
    }

    /**
     * The link with every query value and the fragment replaced: the secret travels in the query (DESIGN §7's
     * {@code ?token={token}}), and redacting every value needs no knowledge of the parameter's name.
     */
    public static String redact(String link) {
        if (link == null) {
            return null;
        }
        String rest = link;
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = "#" + REDACTED;
            rest = rest.substring(0, hash);
        }
        int question = rest.indexOf('?');
        if (question < 0) {
            return rest + fragment;
        }
        String query = Arrays.stream(rest.substring(question + 1).split("&", -1))
                .map(Links::redactParameter)
                .collect(Collectors.joining("&"));
        return rest.substring(0, question) + "?" + query + fragment;
    }

    private static String redactParameter(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals < 0) {
            return parameter.isEmpty() ? parameter : REDACTED;
        }
        return parameter.substring(0, equals + 1) + REDACTED;
    }
}
