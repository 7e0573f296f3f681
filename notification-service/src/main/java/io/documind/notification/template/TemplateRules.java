package io.documind.notification.template;

import io.documind.kit.web.ProblemException;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a template must look like before it is stored. A template is rendered for every email of its usage
 * type, so a mistake here would break all of them: refuse it up front, naming the field.
 */
public final class TemplateRules {

    public static final int MAX_SUBJECT_LENGTH = 250;
    public static final int MAX_CONTENT_LENGTH = 100_000;

    private TemplateRules() {
    }

    /** @return the content type to store (HTML when none was given) */
    public static ContentType check(UsageType usageType, String subject, String content, String type) {
        checkSubject(usageType, subject);
        checkContent(usageType, content);
        if (type == null) {
            return ContentType.HTML;
        }
        return ContentType.byMediaType(type).orElseThrow(() ->
                ProblemException.badRequest("type", "type must be text/html or text/plain"));
    }

    /**
     * A character a subject line must not hold: a control character (CR and LF above all), or Unicode's line and
     * paragraph separators (U+2028, U+2029), which a mail client may show as breaks. The template's own subject is
     * refused for one; a value filled into it has each replaced ({@link TemplateRenderer}).
     */
    static boolean breaksHeaderLine(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static void checkSubject(UsageType usageType, String subject) {
        if (subject == null || subject.isBlank()) {
            throw ProblemException.badRequest("subject", "subject must not be blank");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw ProblemException.badRequest("subject", "subject must be at most " + MAX_SUBJECT_LENGTH + " characters");
        }
        if (subject.chars().anyMatch(TemplateRules::breaksHeaderLine)) {
            // A line break in a header would let the template inject headers of its own.
            throw ProblemException.badRequest("subject", "subject must be a single line without control characters");
        }
        checkPlaceholders(usageType, subject, "subject");
        for (String secret : UsageType.SECRET_PLACEHOLDERS) {
            if (Placeholders.namesIn(subject).contains(secret)) {
                throw ProblemException.badRequest("subject",
                        "{{" + secret + "}} carries a secret and may appear in the content only");
            }
        }
    }

    private static void checkContent(UsageType usageType, String content) {
        if (content == null || content.isBlank()) {
            throw ProblemException.badRequest("content", "content must not be blank");
        }
        if (content.length() > MAX_CONTENT_LENGTH) {
            throw ProblemException.badRequest("content", "content must be at most " + MAX_CONTENT_LENGTH + " characters");
        }
        checkPlaceholders(usageType, content, "content");
        Set<String> missing = new TreeSet<>(usageType.requiredInContent());
        missing.removeAll(Placeholders.namesIn(content));
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("content", "content must use " + braces(missing));
        }
    }

    private static void checkPlaceholders(UsageType usageType, String text, String field) {
        if (!Placeholders.wellFormed(text)) {
            throw ProblemException.badRequest(field, field + " has a malformed placeholder; write {{name}}");
        }
        Set<String> unknown = new TreeSet<>(Placeholders.namesIn(text));
        unknown.removeAll(usageType.placeholders());
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest(field, "unknown placeholder " + braces(unknown) + " for "
                    + usageType.wireName() + "; known: " + braces(new TreeSet<>(usageType.placeholders())));
        }
    }

    private static String braces(Set<String> names) {
        return String.join(", ", names.stream().map(n -> "{{" + n + "}}").toList());
    }
}
