package io.documind.notification.account;

import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.EmailRequest;
import io.documind.notification.delivery.LinkOpener;
import io.documind.notification.delivery.NotificationRecorder;
import io.documind.notification.template.Dates;
import io.documind.notification.template.UsageType;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * EmailCodeRequested → the Register (verification) or ForgotPassword (reset) email with the code, opened from its
 * sealed form (and, for Register, the link). org-service limits how often codes are asked for, so these mails are
 * not rate-limited here.
 */
@Singleton
public class AccountCodeEmail implements EventHandler<EmailCodeRequested> {

    private final NotificationRecorder recorder;
    private final LinkOpener opener;

    public AccountCodeEmail(NotificationRecorder recorder, LinkOpener opener) {
        this.recorder = recorder;
        this.opener = opener;
    }

    @Override
    public void handle(EmailCodeRequested event, EventMetadata metadata) {
        UsageType usageType = UsageType.byWireName(event.usageType()).orElseThrow(() ->
                new IllegalArgumentException("EmailCodeRequested for an unknown usage type " + event.usageType()));
        String boundTo = EmailCodeRequested.associatedData(event.userId(), event.usageType());
        Map<String, String> values = new HashMap<>();
        values.put("name", event.name() == null ? "" : event.name());
        values.put("email", event.email());
        values.put("expiresAt", Dates.format(event.expiresAt()));
        EmailRequest request = new EmailRequest(UUID.fromString(metadata.eventId()), usageType, null, null,
                event.email(), values, false);
        try {
            String code = opener.open(boundTo, event.sealedCode());
            String link = event.sealedLink() == null ? null : opener.open(boundTo, event.sealedLink());
            values.put("code", code);
            if (link != null) {
                values.put(EmailRequest.LINK, link);
            }
        } catch (LinkOpener.UnreadableLinkException e) {
            recorder.refuse(request, e.getMessage()); // the delivery log shows why no code came
            return;
        }
        recorder.record(request);
    }
}
