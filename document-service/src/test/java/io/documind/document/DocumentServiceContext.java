package io.documind.document;

import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestIssuer;

import java.util.HashMap;
import java.util.Map;

/** Properties for a document-service under test: its own database, the shared Kafka, the shared test issuer. */
public final class DocumentServiceContext {

    private DocumentServiceContext() {
    }

    public static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("document-service"));
        p.putAll(TestIssuer.shared().properties());
        return p;
    }
}
