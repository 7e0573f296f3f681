package io.documind.notification.delivery;

import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reading the delivery log. */
@Singleton
public class DeliveryLog {

    static final int MAX_ORGANIZATION_ID = 64;

    private final NotificationRepository notifications;

    public DeliveryLog(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    public record Page(List<NotificationEntry> entries, long total) {
    }

    @Transactional
    public Page list(@Nullable String organizationId, @Nullable String status, PageRequest page) {
        NotificationRepository.LogFilter filter = new NotificationRepository.LogFilter(
                organizationId(organizationId), status(status));
        return new Page(notifications.list(filter, page.offset(), page.pageSize()), notifications.count(filter));
    }

    private static String organizationId(String organizationId) {
        if (organizationId == null) {
            return null;
        }
        if (organizationId.isBlank() || organizationId.length() > MAX_ORGANIZATION_ID) {
            throw ProblemException.badRequest("organizationId",
                    "organizationId must be 1 to " + MAX_ORGANIZATION_ID + " characters");
        }
        return organizationId;
    }

    private static NotificationStatus status(String status) {
        if (status == null) {
            return null;
        }
        return NotificationStatus.byWireName(status).orElseThrow(() -> ProblemException.badRequest("status",
                "status must be one of Pending, Sent, Failed, Cancelled"));
    }
}
