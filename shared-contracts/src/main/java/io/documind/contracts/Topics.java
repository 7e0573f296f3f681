package io.documind.contracts;

/** Kafka topics: one per producing service (DESIGN §6). Record key is the organization id. */
public final class Topics {
    public static final String ORG_EVENTS = "org.events.v1";
    public static final String INVITATION_EVENTS = "invitation.events.v1";
    public static final String DOCUMENT_EVENTS = "document.events.v1";
    public static final String NOTIFICATION_EVENTS = "notification.events.v1";

    /** Poison records of a consumer group land on {@code <topic>.dlt}, so one bad record never stops a partition. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Key for events that belong to no organization (the template is shared by all of them). */
    public static final String PLATFORM_KEY = "platform";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
