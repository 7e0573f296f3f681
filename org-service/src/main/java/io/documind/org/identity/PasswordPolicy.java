package io.documind.org.identity;

import java.util.Optional;

/**
 * What a password must be: 8 to 256 characters, at least two kinds of character (letters, digits,
 * symbols), and not the account's email. Length matters most; the variety rule only stops the
 * single-class passwords that top every breach list.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** The reason the password is refused, or empty when it is acceptable. */
    public static Optional<String> violation(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Password must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Password must be at most " + MAX_LENGTH + " characters long");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        if ((letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) < 2) {
            return Optional.of("Password must mix at least two of letters, digits and symbols");
        }
        if (email != null && password.equalsIgnoreCase(email)) {
            return Optional.of("Password must not be the email address");
        }
        return Optional.empty();
    }
}
