package io.documind.org.identity;

import java.util.Locale;

/**
 * The one form email addresses are compared and counted by in Java: stripped, lower-cased by Java's root locale.
 * PostgreSQL's {@code lower(email)} finds accounts too, but its case mapping follows the database's collation
 * (under glibc, {@code lower('İ')} is {@code i}; Java makes it {@code i̇}), so limit keys made here would split
 * one account into several budgets. Lookups therefore also require {@link #same}: every spelling that reaches an
 * account then has that account's {@link #canonical} form, and so shares its limits.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static String canonical(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }
}
