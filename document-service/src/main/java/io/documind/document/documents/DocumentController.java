package io.documind.document.documents;

import io.documind.contracts.security.Scopes;
import io.documind.document.documents.DocumentRequests.DocumentChanges;
import io.documind.document.documents.DocumentRequests.NewDocument;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

import java.net.URI;
import java.util.UUID;

/**
 * DESIGN §5 document-service: organization tokens only; the organization is the token's. Bodies are checked by
 * {@link DocumentRules} in the service, not by bean validation here: the rules say the same (and answer 413 for
 * content), and validating a body cost about 95 µs per create in JFR on {@code ./dev bench documents}.
 */
@Controller("/documents")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC: never on the event loop
public class DocumentController {

    private final DocumentService documents;

    public DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    @Post
    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.CREATE_DOCUMENTS)
    @Operation(operationId = "createDocument")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.ContentTooLarge
    @ProblemResponse.RuleRefused
    @ProblemResponse.TooManyRequests
    public HttpResponse<Document> create(AccessToken token, @Body NewDocument body) {
        Document created = documents.create(token, body.title(), body.content());
        return HttpResponse.created(created, URI.create("/documents/" + created.id()))
                .header(HttpHeaders.ETAG, created.etag());
    }

    @Get
    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.READ_DOCUMENTS)
    @Operation(operationId = "listDocuments")
    @ProblemResponse.BadRequest
    @ProblemResponse.TooManyRequests
    public DocumentPage list(AccessToken token, @Nullable @QueryValue String q, @Nullable @QueryValue Integer limit,
                             @Nullable @QueryValue String cursor) {
        return documents.list(token, q, limit, cursor);
    }

    @Get("/{id}")
    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.READ_DOCUMENTS)
    @Operation(operationId = "getDocument")
    @ProblemResponse.NotFound
    public HttpResponse<Document> get(AccessToken token, @PathVariable UUID id) {
        Document document = documents.get(token, id);
        return HttpResponse.ok(document).header(HttpHeaders.ETAG, document.etag());
    }

    @Patch("/{id}")
    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.UPDATE_DOCUMENTS)
    @Operation(operationId = "updateDocument")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.PreconditionFailed
    @ProblemResponse.ContentTooLarge
    @ProblemResponse.TooManyRequests
    public HttpResponse<Document> update(AccessToken token, @PathVariable UUID id, @Body DocumentChanges body,
                                         @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        Document updated = documents.update(token, id, body.title(), body.content(), Preconditions.ifMatch(ifMatch));
        return HttpResponse.ok(updated).header(HttpHeaders.ETAG, updated.etag());
    }

    @Delete("/{id}")
    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.DELETE_DOCUMENTS)
    @Operation(operationId = "deleteDocument")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    @ProblemResponse.PreconditionFailed
    public HttpResponse<Void> delete(AccessToken token, @PathVariable UUID id,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        documents.delete(token, id, Preconditions.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }
}
