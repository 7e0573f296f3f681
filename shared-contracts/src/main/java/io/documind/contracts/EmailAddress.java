package io.documind.contracts;

/**
 * The shape every event schema requires of an email address. Services accept an address only if it has this shape
 * as well as passing their own validation: an address the schemas refuse would make its events dead letters (a
 * quoted local part such as {@code "john doe"@example.com} is a valid address by RFC 5322 and by {@code @Email}).
 */
public final class EmailAddress {

    /** One {@code @}, no whitespace: what the schemas' {@code pattern} says. */
    public static final String PATTERN = "^[^@\\s]+@[^@\\s]+$";

    /**
     * What a service accepts as an address: {@link #PATTERN} with every Unicode space counted as a space, and ASCII
     * before the {@code @}. The schemas' whitespace class is ASCII only, but services strip an address before
     * storing it, which also removes U+2003 and its kind: "a@" followed by an em space would be stored as "a@", which
     * no schema takes. A local part outside ASCII needs SMTPUTF8 (RFC 6531), which notification-service does not
     * use, so its verification, reset and invitation emails could never go; an internationalized domain is mailed
     * in its ASCII form and stays accepted.
     */
    public static final String ACCEPTED = "(?U)^[\\x21-\\x7E&&[^@]]+@[^@\\s]+$";
    public static final String ACCEPTED_MESSAGE = "must be an email address: one @, no spaces, ASCII before the @";

    private EmailAddress() {
    }
}
