package io.documind.localstack;

import java.nio.file.Path;

/** The four DocuMind services: module, own database and port (DESIGN §2, §7). */
enum Service {
    ORG("org-service", "org", Port.ORG_SERVICE),
    DOCUMENT("document-service", "documents", Port.DOCUMENT_SERVICE),
    INVITATION("invitation-service", "invitations", Port.INVITATION_SERVICE),
    NOTIFICATION("notification-service", "notifications", Port.NOTIFICATION_SERVICE);

    final String module;
    final String database;
    final Port port;

    Service(String module, String database, Port port) {
        this.module = module;
        this.database = database;
        this.port = port;
    }

    Path jar(Path root) {
        return ServiceProcess.packagedJar(root, module);
    }
}
