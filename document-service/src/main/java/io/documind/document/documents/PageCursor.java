package io.documind.document.documents;

import io.documind.kit.web.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: the position after which the next page starts, authenticated with an HMAC over the
 * position, the organization and the search, so a client can neither forge one nor carry one to another
 * organization or another query (400 either way). Plain Java; the key comes from {@link PageCursors}.
 */
public final class PageCursor {

    static final int MAX_LENGTH = 100;
    private static final byte FORMAT = 1;
    private static final int MAC_BYTES = 16;
    private static final int BODY_BYTES = 1 + 8 + 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public PageCursor(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** Where a page ended: the newest-first order is (createdAt DESC, id DESC). */
    public record Position(Instant createdAt, UUID id) {
    }

    public String encode(Position position, String organizationId, String query) {
        ByteBuffer body = ByteBuffer.allocate(BODY_BYTES + MAC_BYTES);
        body.put(FORMAT);
        body.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, position.createdAt()));
        body.putLong(position.id().getMostSignificantBits());
        body.putLong(position.id().getLeastSignificantBits());
        body.put(mac(Arrays.copyOf(body.array(), BODY_BYTES), organizationId, query));
        return ENCODER.encodeToString(body.array());
    }

    public Position decode(String cursor, String organizationId, String query) {
        if (cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (bytes.length != BODY_BYTES + MAC_BYTES || bytes[0] != FORMAT) {
            throw malformed();
        }
        byte[] body = Arrays.copyOf(bytes, BODY_BYTES);
        byte[] mac = Arrays.copyOfRange(bytes, BODY_BYTES, bytes.length);
        if (!MessageDigest.isEqual(mac, mac(body, organizationId, query))) {
            throw ProblemException.badRequest("cursor", "cursor was not issued for this list");
        }
        ByteBuffer read = ByteBuffer.wrap(body, 1, BODY_BYTES - 1);
        Instant createdAt = Instant.EPOCH.plus(read.getLong(), ChronoUnit.MICROS);
        return new Position(createdAt, new UUID(read.getLong(), read.getLong()));
    }

    private byte[] mac(byte[] body, String organizationId, String query) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(body);
            // Length-prefixed, so ("ab", "c") and ("a", "bc") cannot collide.
            for (String part : new String[]{organizationId, query}) {
                byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
                hmac.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
                hmac.update(utf8);
            }
            return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("cursor", "cursor is malformed");
    }
}
