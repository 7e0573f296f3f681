package io.documind.org.identity;

import io.documind.contracts.EmailAddress;

import java.util.List;
import java.util.Locale;

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
     * The spellings an account with this address may be stored under, to look it up by: the stored form, then the
     * address as given when that differs (an account made before 7 December 2026 kept its domain as written).
     */
    public static List<String> spellings(String email) {
        String given = email.strip();
        String stored = EmailAddress.storedForm(given);
        return stored.equals(given) ? List.of(stored) : List.of(stored, given);
    }
}
