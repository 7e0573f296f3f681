package io.documind.notification.template;

import java.util.Map;

/**
 * Fills a template in. Values inserted into HTML are HTML-escaped (an organization called
 * {@code <script>} arrives as text, not markup); the plain-text part is derived from the HTML, so the two
 * always say the same thing.
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    public static RenderedEmail render(EmailTemplate template, Map<String, String> values) {
        String subject = Placeholders.fill(template.subject(), values, TemplateRenderer::oneLine).strip();
        if (template.contentType() == ContentType.TEXT) {
            return new RenderedEmail(subject, null, Placeholders.fill(template.content(), values, v -> v));
        }
        String html = Placeholders.fill(template.content(), values, HtmlText::escape);
        return new RenderedEmail(subject, html, HtmlText.toPlainText(html));
    }

    /**
     * A value bound for a header: what would break its line ({@link TemplateRules#breaksHeaderLine}) becomes a space.
     * Names no longer hold such characters (DisplayNames), but ones stored earlier or sent by an older producer may.
     */
    private static String oneLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(TemplateRules.breaksHeaderLine(c) ? ' ' : c));
        return out.toString();
    }
}
