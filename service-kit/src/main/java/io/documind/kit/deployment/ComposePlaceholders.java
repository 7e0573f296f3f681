package io.documind.kit.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The secrets docker-compose.yml falls back to (listed in {@code compose-placeholders.txt} beside this class). They
 * are public, since the repository holds them: a deployment still running on one hands its holder the invitation
 * links and emailed codes (the link key pair), the Management API (the client secret) or the database. The start-up
 * check cannot refuse them, because {@code docker compose up} on one machine is what they are for; it warns instead.
 */
final class ComposePlaceholders {

    static final Set<String> VALUES = read();

    /**
     * The keys among {@link #VALUES}, as bytes: the services decode keys with {@link Base64#getDecoder()}, which
     * takes a key without its {@code =} padding too, so the same key written that way must be recognised as well.
     */
    private static final Set<ByteBuffer> KEYS = VALUES.stream().map(ComposePlaceholders::decoded)
            .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());

    private ComposePlaceholders() {
    }

    /**
     * Whether the value, or one of its comma-separated keys (a key list), is one of the compose file's, as written
     * or as the bytes it decodes to.
     */
    static boolean contains(String value) {
        return Arrays.stream(value.split(",")).map(String::strip)
                .anyMatch(v -> VALUES.contains(v) || decoded(v).filter(KEYS::contains).isPresent());
    }

    private static Optional<ByteBuffer> decoded(String base64) {
        try {
            return Optional.of(ByteBuffer.wrap(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Set<String> read() {
        try (InputStream in = ComposePlaceholders.class.getResourceAsStream("compose-placeholders.txt")) {
            if (in == null) {
                throw new IllegalStateException("compose-placeholders.txt is missing beside ComposePlaceholders");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
