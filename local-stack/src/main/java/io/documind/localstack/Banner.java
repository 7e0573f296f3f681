package io.documind.localstack;

import java.io.PrintStream;

/** What a developer needs to use the running stack, printed once everything is ready. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, LocalStack stack, boolean withServices) {
        Ports ports = stack.ports();
        PostgresServer postgres = stack.postgres();
        String rule = "-".repeat(78);
        out.println(rule);
        out.println(withServices ? "DocuMind local stack is up" : "DocuMind local infrastructure is up (services not started)");
        out.println(rule);
        if (withServices) {
            for (Service service : Service.values()) {
                row(out, service.module, "http://localhost:" + ports.get(service.port));
            }
            row(out, "issuer", stack.issuer());
            row(out, "API docs", "each service's /swagger-ui/ (OpenAPI: /swagger/<service>.yml)");
        }
        row(out, "Kafka bootstrap", stack.kafka().bootstrapServers());
        for (Service service : Service.values()) {
            row(out, "PostgreSQL " + service.database, postgres.jdbcUrl(service.database));
        }
        row(out, "PostgreSQL user", postgres.username() + " / " + postgres.password());
        row(out, "SMTP", "127.0.0.1:" + stack.mail().smtpPort());
        row(out, "sent mail (REST)", stack.mail().apiBaseUrl() + "/api/user/{email}/messages/INBOX");
        row(out, "Management API", "client id " + LocalOnlyDefaults.MANAGEMENT_CLIENT_ID
                + ", secret " + LocalOnlyDefaults.MANAGEMENT_CLIENT_SECRET + "  (local only)");
        row(out, "logs", stack.data().logsDir().toString());
        out.println(rule);
        out.println("Ctrl-C to stop.");
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-26s %s%n", label, value);
    }
}
