package io.documind.notification.template;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;

/** Management API: the email template of each usage type (Logto's email templates, one language). */
@Controller("/api/email-templates")
@Authorized(TokenKind.MANAGEMENT)
public class EmailTemplateController {

    private final EmailTemplateService templates;

    public EmailTemplateController(EmailTemplateService templates) {
        this.templates = templates;
    }

    @Get("/{usageType}")
    @Operation(operationId = "getEmailTemplate")
    @ProblemResponse.NotFound
    public EmailTemplateResponse get(@PathVariable String usageType) {
        return EmailTemplateResponse.of(templates.get(usageType));
    }

    @Put("/{usageType}")
    @Operation(operationId = "replaceEmailTemplate")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public EmailTemplateResponse replace(@PathVariable String usageType, @Nullable @Body EmailTemplateBody body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "a body {subject, content, type} is required");
        }
        return EmailTemplateResponse.of(templates.replace(usageType, body.subject(), body.content(), body.type()));
    }
}
