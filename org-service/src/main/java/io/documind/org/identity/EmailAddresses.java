package io.documind.org.identity;

import io.documind.contracts.EmailAddress;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one form email addresses are compared and counted by in Java: stripped, in their stored spelling
 * ({@link EmailAddress#storedForm}: an internationalized domain in ASCII), lower-cased by Java's root locale.
 * PostgreSQL's {@code lower(email)} finds accounts too, but its case mapping follows the database's collation
 * (under glibc, {@code lower('İ')} is {@code i}; Java makes it {@code i̇}), so limit keys made here would split
 * one account into several budgets. Lookups therefore also require {@link #same}: every spelling that reaches an
 * account then has that account's {@link #canonical} form, and so shares its limits.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static String canonical(String email) {
        return email == null ? "" : EmailAddress.storedForm(email.strip()).toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /**
     * The spellings an account with this address may be stored under, to look it up by: the stored form, then, for
     * an internationalized domain, the form with its letters (an account made before 7 December 2026 kept its domain
     * as written), whichever spelling was given. An address with an ASCII domain has one spelling: one lookup.
     */
    public static List<String> spellings(String email) {
        String given = email.strip();
        String stored = EmailAddress.storedForm(given);
        if (!stored.equals(given)) {
            return List.of(stored, given); // given with the letters: storedForm changes nothing else
        }
        return withLetters(stored).map(letters -> List.of(stored, letters)).orElse(List.of(stored));
    }

    /**
     * What {@code lookup} finds under one of the address's {@link #spellings}, first found first, whose stored
     * address ({@code stored}) is {@link #same} as it: the database's {@code lower()} may take other letters for one.
     */
    public static <T> Optional<T> find(String email, Function<String, Optional<T>> lookup, Function<T, String> stored) {
        return spellings(email).stream().map(lookup).flatMap(Optional::stream)
                .filter(found -> same(stored.apply(found), email)).findFirst();
    }

    /** The address with its domain's ASCII labels decoded, when those letters are stored as this ASCII form. */
    private static Optional<String> withLetters(String stored) {
        int at = stored.lastIndexOf('@');
        String domain = stored.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at < 0 || !domain.startsWith("xn--") && !domain.contains(".xn--")) {
            return Optional.empty();
        }
        try {
            String letters = stored.substring(0, at + 1) + IDN.toUnicode(domain, IDN.USE_STD3_ASCII_RULES);
            // Java's IDNA2003 gives the ASCII label back when its letters would be mailed elsewhere (xn--fa-hia, faß).
            return letters.equalsIgnoreCase(stored) ? Optional.empty()
                    : EmailAddress.asciiForm(letters).filter(a -> a.equalsIgnoreCase(stored)).map(a -> letters);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
