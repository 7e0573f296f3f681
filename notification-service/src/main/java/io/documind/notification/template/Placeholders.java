package io.documind.notification.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {{name}}} syntax of templates: finding placeholders and filling them in, in one pass. */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    private static final String OPENING = "{{";

    private Placeholders() {
    }

    /** The placeholder names used in the text, in order of first use. */
    static Set<String> namesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** True when every {@code {{} starts a well-formed placeholder (catches typos like {@code {{link}}). */
    static boolean wellFormed(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        for (int from = text.indexOf(OPENING); from >= 0; from = text.indexOf(OPENING, from + 1)) {
            if (!m.find(from) || m.start() != from) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces each placeholder with its value passed through {@code encode}; a placeholder without a value
     * becomes empty. One pass, so a value that itself looks like {@code {{link}}} is never expanded.
     */
    static String fill(String text, Map<String, String> values, UnaryOperator<String> encode) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
