package io.documind.notification.template;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {

    private static EmailTemplate html(String subject, String content) {
        return new EmailTemplate(UsageType.ORGANIZATION_INVITATION, subject, content, ContentType.HTML, Instant.now());
    }

    @Test
    void valuesAreEscapedInTheHtmlAndReadableInTheText() {
        RenderedEmail email = TemplateRenderer.render(
                html("Join {{organizationName}}", "<p>Join <strong>{{organizationName}}</strong></p><p><a href=\"{{link}}\">Accept</a></p>"),
                Map.of("organizationName", "<script>alert(1)</script> & Co", "link", "https://app.example/i/1?token=s3cr3t&x=\"y\""));

        assertEquals("Join <script>alert(1)</script> & Co", email.subject(), "a subject is text, not HTML");
        assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), email.html());
        assertFalse(email.html().contains("<script>"));
        assertTrue(email.html().contains("href=\"https://app.example/i/1?token=s3cr3t&amp;x=&quot;y&quot;\""), email.html());
        assertEquals("Join <script>alert(1)</script> & Co\n\nAccept <https://app.example/i/1?token=s3cr3t&x=\"y\">\n",
                email.text());
    }

    @Test
    void oneFillingPassOnly_aValueThatLooksLikeAPlaceholderStaysText() {
        RenderedEmail email = TemplateRenderer.render(html("{{organizationName}}", "<p>{{organizationName}} {{link}}</p>"),
                Map.of("organizationName", "{{link}}", "link", "https://x.example/?token=t"));
        assertEquals("{{link}}", email.subject());
        assertTrue(email.html().startsWith("<p>{{link}} https://x.example/?token=t"), email.html());
    }

    @Test
    void lineBreaksInAValueCannotReachTheSubjectHeader() {
        RenderedEmail email = TemplateRenderer.render(html("Join {{organizationName}}", "<p>{{link}}</p>"),
                Map.of("organizationName", "Acme\r\nBcc: victim@example.com", "link", "https://x.example"));
        assertEquals("Join Acme  Bcc: victim@example.com", email.subject());
        RenderedEmail separators = TemplateRenderer.render(html("Join {{organizationName}}", "<p>{{link}}</p>"),
                Map.of("organizationName", "Acme\u2028Line\u2029Paragraph", "link", "https://x.example"));
        assertEquals("Join Acme Line Paragraph", separators.subject());
    }

    @Test
    void aMissingValueRendersEmpty() {
        RenderedEmail email = TemplateRenderer.render(html("Hi {{inviterName}}", "<p>{{link}}</p>"), Map.of());
        assertEquals("Hi", email.subject());
    }

    @Test
    void aPlainTextTemplateHasNoHtmlPartAndIsNotEscaped() {
        EmailTemplate text = new EmailTemplate(UsageType.ORGANIZATION_INVITATION, "Join {{organizationName}}",
                "Join {{organizationName}} at {{link}}", ContentType.TEXT, Instant.now());
        RenderedEmail email = TemplateRenderer.render(text, Map.of("organizationName", "A&B", "link", "https://x.example/?a=1&b=2"));
        assertNull(email.html());
        assertEquals("Join A&B at https://x.example/?a=1&b=2", email.text());
    }

    @Test
    void plainTextLayoutFollowsTheBlocks() {
        assertEquals("Title\n\nLine one\nLine two\n\n- a\n- b\n",
                HtmlText.toPlainText("<h1>Title</h1>\n  <p>Line   one<br>Line two</p><ul><li>a</li><li>b</li></ul>"
                        + "<style>p{color:red}</style>"));
        assertEquals("é ' & <\n", HtmlText.toPlainText("&#233; &#x27; &amp; &lt;"));
        assertEquals("https://x.example\n", HtmlText.toPlainText("<a href='https://x.example'>https://x.example</a>"));
    }

    /**
     * The plain-text part of any template a management caller can save (up to 100,000 characters) is rendered at
     * once: unclosed links and scripts took cubic or quadratic time (hours at that size) and stalled the consumer.
     */
    @Test
    void unclosedLinksAndScriptsRenderInLinearTime() {
        String links = "<a href=\"".repeat(12_000) + "x" + "<a href=\"\">".repeat(8_000);
        String scripts = "<script>".repeat(12_000);
        String tags = "<".repeat(30_000) + "<li".repeat(10_000);
        String text = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> HtmlText.toPlainText(links + scripts + tags + "<a href='https://x.example'>go</a>"));
        assertTrue(text.endsWith("go <https://x.example>\n"), text.substring(Math.max(0, text.length() - 80)));
    }
}
