package io.documind.notification.delivery;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;

import java.util.List;

/** Management API: the delivery log, newest first; the total is in {@code Total-Number}, as Logto pages. */
@Controller("/api/notifications")
@Authorized(TokenKind.MANAGEMENT)
public class DeliveryLogController {

    private final DeliveryLog log;

    public DeliveryLogController(DeliveryLog log) {
        this.log = log;
    }

    @Get
    @Operation(operationId = "listNotifications")
    @ProblemResponse.BadRequest
    public HttpResponse<List<NotificationEntry>> list(@Nullable @QueryValue String organizationId,
                                                      @Nullable @QueryValue String status,
                                                      @Nullable @QueryValue Integer page,
                                                      @Nullable @QueryValue("page_size") Integer pageSize) {
        DeliveryLog.Page result = log.list(organizationId, status, PageRequest.of(page, pageSize));
        return HttpResponse.ok(result.entries()).header(PageRequest.TOTAL_HEADER, Long.toString(result.total()));
    }
}
