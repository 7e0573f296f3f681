package io.documind.notification.template;

import io.documind.kit.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRulesTest {

    private static final UsageType INVITATION = UsageType.ORGANIZATION_INVITATION;
    private static final String GOOD_CONTENT = "<p>Join {{organizationName}}: <a href=\"{{link}}\">accept</a></p>";

    @Test
    void aGoodTemplatePassesAndDefaultsToHtml() {
        assertEquals(ContentType.HTML, TemplateRules.check(INVITATION, "Join {{ organizationName }}", GOOD_CONTENT, null));
        assertEquals(ContentType.TEXT, TemplateRules.check(INVITATION, "Join", "Open {{link}}", "text/plain"));
    }

    @Test
    void eachMistakeNamesItsField() {
        assertRefused("subject", () -> TemplateRules.check(INVITATION, " ", GOOD_CONTENT, null));
        assertRefused("subject", () -> TemplateRules.check(INVITATION, null, GOOD_CONTENT, null));
        assertRefused("subject", () -> TemplateRules.check(INVITATION, "x".repeat(251), GOOD_CONTENT, null));
        assertRefused("subject", () -> TemplateRules.check(INVITATION, "Hi\r\nBcc: victim@example.com", GOOD_CONTENT, null));
        assertRefused("subject", () -> TemplateRules.check(INVITATION, "Hi\u2028Bcc: victim@example.com", GOOD_CONTENT, null));
        assertRefused("subject", () -> TemplateRules.check(INVITATION, "Hi\u2029there", GOOD_CONTENT, null));
        assertRefused("content", () -> TemplateRules.check(INVITATION, "Join", "", null));
        assertRefused("content", () -> TemplateRules.check(INVITATION, "Join", "x".repeat(100_001), null));
        assertRefused("type", () -> TemplateRules.check(INVITATION, "Join", GOOD_CONTENT, "application/json"));
    }

    @Test
    void placeholdersMustBeKnownWellFormedAndTheLinkPresent() {
        ProblemException unknown = assertRefused("content",
                () -> TemplateRules.check(INVITATION, "Join", GOOD_CONTENT + "{{lnik}}", null));
        assertTrue(unknown.getMessage().contains("{{lnik}}"), unknown.getMessage());
        assertRefused("content", () -> TemplateRules.check(INVITATION, "Join", "<a href=\"{{link}\">x</a>", null));
        ProblemException noLink = assertRefused("content",
                () -> TemplateRules.check(INVITATION, "Join", "<p>{{organizationName}}</p>", null));
        assertTrue(noLink.getMessage().contains("{{link}}"));
        // Another usage type has no link to carry.
        assertRefused("content", () -> TemplateRules.check(UsageType.ORGANIZATION_WELCOME, "Hi", "{{link}}", null));
    }

    @Test
    void theSecretBearingLinkNeverGoesIntoTheStoredSubject() {
        ProblemException e = assertRefused("subject",
                () -> TemplateRules.check(INVITATION, "Your link {{link}}", GOOD_CONTENT, null));
        assertTrue(e.getMessage().contains("content only"));
    }

    private static ProblemException assertRefused(String field, org.junit.jupiter.api.function.Executable check) {
        ProblemException e = assertThrows(ProblemException.class, check);
        assertEquals(400, e.status().getCode());
        assertEquals(field, e.field());
        return e;
    }
}
