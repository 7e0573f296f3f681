package io.documind.notification.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML escaping for inserted values, and the plain-text rendering of an email's HTML. */
public final class HtmlText {

    // Linear however the template is written (a management caller saves it, every email renders it): no part may run
    // past the next tag (or, inside a tag, the next "<") it cannot contain. "(.*?)\\1 ... (.*?)</a>" took cubic time
    // on "<a href=\"" repeated with no "</a>": 10 s for 8,000 characters, hours for the 100,000 a template may have.
    private static final Pattern SCRIPT_OR_STYLE =
            Pattern.compile("(?is)<(script|style)\\b(?:(?!<(?:script|style)\\b).)*?</\\1\\s*>");
    private static final Pattern LINK = Pattern.compile(
            "(?is)<a\\b[^<>]*?\\bhref\\s*=\\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')[^<>]*>((?:(?!<a\\b).)*?)</a\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^<>]*>");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|ul|ol|tr|table|blockquote)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^<>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});");

    private HtmlText() {
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Readable text for the plain-text part: links as "text <url>", blocks on their own lines, entities decoded. */
    public static String toPlainText(String html) {
        String text = SCRIPT_OR_STYLE.matcher(html).replaceAll("");
        text = replaceLinks(text);
        text = text.replaceAll("\\s+", " "); // HTML whitespace is not layout; the tags below are
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = LIST_ITEM.matcher(text).replaceAll("\n- ");
        text = BLOCK_END.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = unescape(text);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            out.append(line.strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private static String replaceLinks(String html) {
        Matcher m = LINK.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String url = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
            String label = TAG.matcher(m.group(3)).replaceAll("").strip();
            // Still HTML here: the angle brackets are written as entities so that stripping tags keeps them.
            String replacement = label.isEmpty() || label.equals(url) ? url : label + " &lt;" + url + "&gt;";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String unescape(String text) {
        Matcher m = NUMERIC_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String code = m.group(1);
            int codePoint = code.startsWith("x") || code.startsWith("X")
                    ? Integer.parseInt(code.substring(1), 16) : Integer.parseInt(code);
            String decoded = Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
