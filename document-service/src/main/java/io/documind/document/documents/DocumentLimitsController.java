package io.documind.document.documents;

import io.documind.kit.security.PublicEndpoint;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /documents/limits}: the documented limits, public, no database. Also the benchmark's floor: it returns a
 * plain value, so it runs on the request threads like every route here (the kit's thread-selection AUTO; a profile
 * of the benchmark finds it only there), and the floor is the HTTP stack with that hand-over, without a token or a
 * database.
 */
@Controller("/documents/limits")
public class DocumentLimitsController {

    @Get
    @PublicEndpoint
    @Operation(operationId = "getDocumentLimits")
    public DocumentLimits limits() {
        return DocumentLimits.CURRENT;
    }
}
