package io.documind.kit.web;

/**
 * Link templates whose {@code {token}} is a one-time secret (invitation links, email verification links).
 * notification-service keeps in its delivery log only a redacted link, with every query value and the fragment
 * replaced, so the secret must travel there: in a path it would be stored in clear and shown by the delivery-log API.
 */
public final class SecretLinks {

    public static final String TOKEN = "{token}";

    private SecretLinks() {
    }

    /**
     * @param setting  the setting's name, for the message
     * @throws IllegalArgumentException when {@code template} has no {@code {token}}, or has one before its query or
     *                                  fragment begins
     */
    public static void requireTokenInQueryOrFragment(String setting, String template) {
        if (template == null || !template.contains(TOKEN)) {
            throw new IllegalArgumentException(setting + " must contain " + TOKEN + ": " + template);
        }
        int query = template.indexOf('?');
        int fragment = template.indexOf('#');
        int cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        if (cut < 0 || template.indexOf(TOKEN) < cut) {
            throw new IllegalArgumentException(setting + " must carry " + TOKEN + " in its query or fragment (as in "
                    + "?token=" + TOKEN + "), where the delivery log redacts it: " + template);
        }
    }
}
