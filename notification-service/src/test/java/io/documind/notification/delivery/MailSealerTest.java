package io.documind.notification.delivery;

import io.documind.notification.template.RenderedEmail;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MailSealerTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final JsonMapper json = JsonMapper.createDefault();
    private final RenderedEmail email = new RenderedEmail("Join", "<a href=\"https://x.example/?token=s3cr3t\">Join</a>",
            "Join <https://x.example/?token=s3cr3t>");

    @Test
    void aSealedEmailOpensForItsRowOnlyAndHidesTheSecret() throws GeneralSecurityException {
        MailSealer sealer = new MailSealer(KEY, json);
        UUID id = UUID.randomUUID();
        byte[] sealed = sealer.seal(id, email);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("s3cr3t"));
        assertEquals(email, sealer.open(id, sealed));
        assertThrows(GeneralSecurityException.class, () -> sealer.open(UUID.randomUUID(), sealed), "moved to another row");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> sealer.open(id, sealed), "altered");
    }

    @Test
    void instancesSharingAKeyOpenEachOthersMail_withoutOneEachHasItsOwn() throws GeneralSecurityException {
        UUID id = UUID.randomUUID();
        MailSealer a = new MailSealer(KEY, json);
        MailSealer b = new MailSealer(KEY, json);
        assertEquals(a.keyId(), b.keyId());
        assertEquals(email, b.open(id, a.seal(id, email)));

        MailSealer ownKey = new MailSealer("", json);
        assertNotEquals(a.keyId(), ownKey.keyId());
        assertThrows(GeneralSecurityException.class, () -> ownKey.open(id, a.seal(id, email)));
    }

    @Test
    void aKeyOfTheWrongSizeStopsTheService() {
        assertThrows(IllegalStateException.class, () -> new MailSealer(Base64.getEncoder().encodeToString(new byte[16]), json));
        assertThrows(IllegalStateException.class, () -> new MailSealer("not base64!", json));
    }
}
