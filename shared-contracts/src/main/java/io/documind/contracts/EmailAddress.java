package io.documind.contracts;

/**
 * The shape every event schema requires of an email address. Services accept an address only if it has this shape
 * as well as passing their own validation: an address the schemas refuse would make its events dead letters (a
 * quoted local part such as {@code "john doe"@example.com} is a valid address by RFC 5322 and by {@code @Email}).
 */
public final class EmailAddress {

    /** One {@code @}, no whitespace: what the schemas' {@code pattern} says. */
    public static final String PATTERN = "^[^@\\s]+@[^@\\s]+$";

    private EmailAddress() {
    }
}
