package io.documind.localstack;

/** Every port the local stack binds on 127.0.0.1, with its DESIGN §7 default and the variable that overrides it. */
enum Port {
    KAFKA("KAFKA_PORT", 9092, "Kafka"),
    POSTGRES("POSTGRES_PORT", 5433, "PostgreSQL"),
    SMTP("SMTP_PORT", 3025, "SMTP (GreenMail)"),
    MAIL_API("MAIL_API_PORT", 8025, "the mail REST API"),
    ORG_SERVICE("ORG_SERVICE_PORT", 8081, "org-service"),
    DOCUMENT_SERVICE("DOCUMENT_SERVICE_PORT", 8082, "document-service"),
    INVITATION_SERVICE("INVITATION_SERVICE_PORT", 8083, "invitation-service"),
    NOTIFICATION_SERVICE("NOTIFICATION_SERVICE_PORT", 8084, "notification-service");

    final String envVar;
    final int defaultPort;
    final String wantedBy;

    Port(String envVar, int defaultPort, String wantedBy) {
        this.envVar = envVar;
        this.defaultPort = defaultPort;
        this.wantedBy = wantedBy;
    }
}
