package io.documind.kit.web;

import java.util.regex.Pattern;

/**
 * What a name shown to people (an organization's, a role's, a user's, a document's title) may be. It must hold a
 * character that shows: not white space, a space separator, a control or a format character, since {@code strip()}
 * and {@code @NotBlank} keep a name of one no-break space (U+00A0) or zero-width space (U+200B), which shows as
 * nothing. And it holds no control character or line break (U+2028, U+2029) anywhere: a BEL or ESC inside a name
 * was stored and then travelled into events and email subjects (a black-box probe). Format characters inside it
 * stay allowed: joined emoji and right-to-left marks are format characters.
 */
public final class DisplayNames {

    /**
     * For {@code @Pattern(regexp = ...)}: a whole-string match, in linear time. The invisible characters before the
     * first one that shows, then that one, then the rest; possessive, so a long name ending in a control character
     * is refused in one pass (the plain {@code [^X]*[^Y][^X]*} backtracked quadratically: 20,000 characters and a
     * BEL took seconds, and bean validation runs the pattern even when {@code @Size} has failed).
     */
    public static final String PATTERN = "[\\p{javaWhitespace}\\p{Z}\\p{Cf}&&[^\\p{Cc}\\p{Zl}\\p{Zp}]]*+"
            + "[^\\p{javaWhitespace}\\p{Z}\\p{Cc}\\p{Cf}][^\\p{Cc}\\p{Zl}\\p{Zp}]*+";
    public static final String MESSAGE = "must show a character and hold no control characters or line breaks";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private DisplayNames() {
    }

    public static boolean acceptable(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }
}
