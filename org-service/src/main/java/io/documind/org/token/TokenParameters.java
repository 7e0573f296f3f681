package io.documind.org.token;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The token request's form, checked against what its grant supports: nothing is silently ignored (issue 12).
 * A parameter of another grant is invalid_request, as is one given twice (RFC 6749 §3.2); a second resource is
 * invalid_target (RFC 8707 §2: this server issues a token for one audience). Names no grant knows are ignored (RFC
 * 6749 §3.2), and an empty value counts as absent (RFC 6749 §3.1) except for the audience selectors.
 */
final class TokenParameters {

    /** The parameters each grant takes besides grant_type; discovery lists them. */
    static final Map<String, List<String>> BY_GRANT = orderedGrants();

    private static final Set<String> KNOWN = known();
    /**
     * Parameters that choose whose token it is. Given empty, they are refused, not read as absent (RFC 6749 §3.1's
     * rule for other parameters): absent, client_credentials answers with a management token, far more than a
     * caller asking for one organization's token meant to get.
     */
    private static final Set<String> AUDIENCE_SELECTORS = Set.of("organization_id", "resource");

    /**
     * RFC 6749 §3.3's scope: tokens of printable ASCII but {@code "} and {@code \}, separated by spaces (runs of
     * them, and spaces around, are tolerated; only spaces is no scope, as an empty value is).
     * Split on any white space, {@code a<TAB>b} asked for two scopes a client never sent apart. A comma is a scope
     * token's character, so {@code a,b} stays one scope (which no one holds). A character class, not a repeated
     * group: a group recursed once per scope and overflowed the stack at a few thousand.
     */
    private static final Pattern SCOPE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*+");
    /** More than any real request: the platform's scopes together are a few hundred characters. */
    private static final int MAX_SCOPE_LENGTH = 4096;

    private final String grant;
    private final Map<String, String> values;

    private TokenParameters(String grant, Map<String, String> values) {
        this.grant = grant;
        this.values = values;
    }

    /** The form as bound: a name given twice binds to a collection of its values. */
    static TokenParameters of(Map<String, Object> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : form.entrySet()) {
            String name = e.getKey();
            if (!KNOWN.contains(name)) {
                continue;
            }
            String text = single(name, e.getValue());
            if (text.isEmpty() && AUDIENCE_SELECTORS.contains(name)) {
                throw OAuthException.invalidRequest(name + " is empty: give a value or leave it out");
            }
            if (!text.isEmpty()) {
                values.put(name, text);
            }
        }
        String grant = values.get("grant_type");
        if (grant == null) {
            throw OAuthException.invalidRequest("Missing grant_type");
        }
        List<String> allowed = BY_GRANT.get(grant);
        if (allowed == null) {
            throw new OAuthException("unsupported_grant_type", "Unsupported grant_type " + grant);
        }
        for (String name : values.keySet()) {
            if (!name.equals("grant_type") && !allowed.contains(name)) {
                throw OAuthException.invalidRequest(name + " is not a parameter of the " + grant + " grant");
            }
        }
        String scope = values.get("scope");
        if (scope != null && scope.length() > MAX_SCOPE_LENGTH) {
            throw new OAuthException("invalid_scope", "scope is longer than " + MAX_SCOPE_LENGTH + " characters");
        }
        if (scope != null && !SCOPE.matcher(scope).matches()) {
            throw new OAuthException("invalid_scope", "scope is scope tokens separated by spaces (RFC 6749 §3.3): "
                    + "printable ASCII other than \" and \\, with no tabs or line breaks between them");
        }
        return new TokenParameters(grant, values);
    }

    /**
     * A form parameter's one value as text ("" when absent or null); refused when given more than once, which the
     * form binds as a collection (for the token endpoint and the revocation endpoint alike).
     */
    static String single(String name, Object bound) {
        if (bound instanceof Collection<?> many && many.size() != 1) {
            throw "resource".equals(name)
                    ? new OAuthException("invalid_target", "Only one resource per token request")
                    : OAuthException.invalidRequest(name + " is given more than once");
        }
        Object value = bound instanceof Collection<?> one ? one.iterator().next() : bound;
        return value == null ? "" : value.toString();
    }

    String grant() {
        return grant;
    }

    /** The value, or null when absent. */
    String get(String name) {
        return values.get(name);
    }

    private static Map<String, List<String>> orderedGrants() {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        grants.put("password", List.of("username", "password", "scope", "resource", "client_id"));
        grants.put("refresh_token", List.of("refresh_token", "organization_id", "scope", "resource", "client_id"));
        // organization_id: an app's organization token (DESIGN §4).
        grants.put("client_credentials", List.of("client_id", "client_secret", "scope", "resource", "organization_id"));
        return java.util.Collections.unmodifiableMap(grants);
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>(Set.of("grant_type"));
        BY_GRANT.values().forEach(names::addAll);
        return Set.copyOf(names);
    }
}
