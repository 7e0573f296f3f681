package io.documind.document.documents;

import io.documind.kit.security.PublicEndpoint;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /documents/limits}: the documented limits, public, no database, answered on the event loop. Also the
 * benchmark's floor: the cost of the HTTP stack alone.
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
