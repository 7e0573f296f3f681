package io.documind.kit.web;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids in paths and query parameters bind only in the canonical 8-4-4-4-12 form. Micronaut converts with
 * {@link UUID#fromString}, which takes fewer digits per group and pads them: {@code /documents/63d3fd6-...} read
 * document {@code 063d3fd6-...} and {@code 1-1-1-1-1} was looked up as an id (a black-box probe), where a caller's
 * mangled id should be a 400 like any other id that is not one. A converter bean replaces the framework's for
 * String to UUID.
 */
@Singleton
public class CanonicalUuids implements TypeConverter<String, UUID> {

    private static final Pattern CANONICAL =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    @Override
    public Optional<UUID> convert(String text, Class<UUID> targetType, ConversionContext context) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            context.reject(text, new IllegalArgumentException("not a UUID in its 8-4-4-4-12 form"));
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
