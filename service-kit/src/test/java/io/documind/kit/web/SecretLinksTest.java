package io.documind.kit.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretLinksTest {

    @Test
    void theTokenMustBeWhereTheDeliveryLogRedacts() {
        for (String fine : new String[] {"http://localhost:3000/invitation/{id}?token={token}",
                "https://app.example.com/verify#{token}", "https://x.example/?a=1&t={token}"}) {
            assertDoesNotThrow(() -> SecretLinks.requireTokenInQueryOrFragment("s", fine), fine);
        }
        for (String leaking : new String[] {"https://app.example.com/join/{token}", "https://x.example/{token}?a=1",
                "https://{token}.example.com/?x=1", "https://x.example/?a=1", null}) {
            assertThrows(IllegalArgumentException.class,
                    () -> SecretLinks.requireTokenInQueryOrFragment("s", leaking), leaking);
        }
    }
}
