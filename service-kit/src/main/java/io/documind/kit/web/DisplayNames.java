package io.documind.kit.web;

import java.util.regex.Pattern;

/**
 * What a name shown to people (an organization's, a role's, a user's, a document's title) may be. It must hold a
 * character that shows: not white space, a space separator, a control or a format character, nor one of the letters
 * and marks that render as blank (Hangul fillers, the blank Braille pattern, variation selectors), since
 * {@code strip()} and {@code @NotBlank} keep a name of one no-break space (U+00A0) or zero-width space (U+200B),
 * which shows as nothing. And it holds no control character, line break (U+2028, U+2029) or bidirectional
 * embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) anywhere: a BEL or ESC inside a name was stored and
 * then travelled into events and email subjects (a black-box probe), and an override makes a name read as another
 * one. Other format characters inside it stay allowed: joined emoji and right-to-left marks are format characters.
 */
public final class DisplayNames {

    /** Letters and marks that render as nothing, which Unicode's categories do not single out. */
    private static final String BLANK_LOOKING = "\\x{115F}\\x{1160}\\x{3164}\\x{FFA0}\\x{2800}\\x{034F}"
            + "\\x{180B}-\\x{180F}\\x{FE00}-\\x{FE0F}\\x{E0100}-\\x{E01EF}";
    private static final String INVISIBLE = "\\p{javaWhitespace}\\p{Z}\\p{Cf}" + BLANK_LOOKING;
    private static final String FORBIDDEN = "\\p{Cc}\\p{Zl}\\p{Zp}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}";

    /**
     * For {@code @Pattern(regexp = ...)}: a whole-string match, in linear time. The invisible characters before the
     * first one that shows, then that one, then the rest; possessive, so a long name ending in a control character
     * is refused in one pass (the plain {@code [^X]*[^Y][^X]*} backtracked quadratically: 20,000 characters and a
     * BEL took seconds, and bean validation runs the pattern even when {@code @Size} has failed).
     */
    public static final String PATTERN = "[" + INVISIBLE + "&&[^" + FORBIDDEN + "]]*+"
            + "[^" + INVISIBLE + "\\p{Cc}][^" + FORBIDDEN + "]*+";
    public static final String MESSAGE = "must show a character and hold no control characters, line breaks or "
            + "bidirectional overrides";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private DisplayNames() {
    }

    public static boolean acceptable(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }
}
