package io.documind.contracts;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

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

    /** RFC 5321's limit for a path, which is what an SMTP server has to accept. */
    public static final int MAX_SMTP_LENGTH = 254;

    private EmailAddress() {
    }

    /**
     * The one spelling an address is stored and compared in: its domain in ASCII form ({@link #asciiForm}) when it was
     * written with letters outside ASCII, else the address as given. {@code ann@bücher.example} and
     * {@code ann@xn--bcher-kva.example} are one mailbox, and were two accounts, two pending invitations, and an
     * invitation one of them could not accept. ASCII rather than the letters: a look-alike domain then shows as what
     * it is, and Java and PostgreSQL lower-case it alike. An address {@link #asciiForm} refuses is returned as given
     * (the caller's validation refuses it).
     */
    public static String storedForm(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0 || address.chars().skip(at + 1L).allMatch(c -> c < 0x80)) {
            return address;
        }
        return asciiForm(address).orElse(address);
    }

    /**
     * The address as an SMTP server is given it, all ASCII: an internationalized domain in its ASCII form (punycode),
     * which every server takes. Empty when the part before the {@code @} is not ASCII (it would need SMTPUTF8, RFC
     * 6531, which is not used), or the domain has no ASCII form that stands for it alone. {@link IDN} follows
     * IDNA2003, which maps rather than encodes some letters: {@code faß.de} becomes {@code fass.de} (IDNA2008,
     * which registries and browsers use, makes it {@code xn--fa-hia.de}, another domain), {@code ς} becomes
     * {@code σ}, joiners and zero-width spaces are dropped, full-width letters folded. Mailed that way, a
     * verification or reset code for {@code ceo@faß.de} would reach whoever owns {@code fass.de}. So a domain is
     * taken only when its ASCII form spells it back (letter case aside), or when it is already that ASCII form.
     */
    public static Optional<String> asciiForm(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || !address.substring(0, at).chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean spelledBack = ascii.equals(domain)
                || IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT).equals(domain);
        String result = address.substring(0, at + 1) + ascii;
        return spelledBack && result.length() <= MAX_SMTP_LENGTH ? Optional.of(result) : Optional.empty();
    }
}
