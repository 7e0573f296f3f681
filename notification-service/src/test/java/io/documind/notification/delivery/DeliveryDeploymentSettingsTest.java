package io.documind.notification.delivery;

import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SMTP login only over TLS, unless an operator says the path to the server is trusted. */
class DeliveryDeploymentSettingsTest {

    private static List<String> problems(Map<String, Object> smtp) {
        Map<String, Object> properties = new HashMap<>();
        smtp.forEach((key, value) -> properties.put("documind.smtp." + key, value));
        return new DeliveryDeploymentSettings().problems(
                new PropertySourcePropertyResolver(MapPropertySource.of("test", properties)));
    }

    @Test
    void aLoginInClearIsRefusedAndTlsOrATrustedPathPasses() {
        List<String> clear = problems(Map.of("username", "mailer", "starttls", false, "ssl", false));
        assertEquals(1, clear.size(), clear.toString());
        assertTrue(clear.getFirst().contains("DOCUMIND_SMTP_ALLOW_PLAINTEXT"), clear.getFirst());

        assertEquals(List.of(), problems(Map.of("username", "mailer", "starttls", true)));
        assertEquals(List.of(), problems(Map.of("username", "mailer", "ssl", true)));
        assertEquals(List.of(), problems(Map.of("username", "mailer", "allow-plaintext", true)));
        assertEquals(List.of(), problems(Map.of("username", "", "starttls", false)), "no login, nothing to leak");
    }
}
