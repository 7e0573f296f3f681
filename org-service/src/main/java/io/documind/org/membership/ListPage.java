package io.documind.org.membership;

import io.documind.kit.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code limit}/{@code cursor} paging of the app API's lists (members, my organizations), keyset on
 * (created_at, id). The cursor is the last row's position, base64url: it is not signed, as it only says where to
 * continue in a list the caller may read whole anyway; a made-up one is 400 when malformed and otherwise starts
 * elsewhere in that same list.
 */
public final class ListPage {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_CURSOR_LENGTH = 200;
    /** 9999-12-31T23:59:59.999999Z in microseconds since the epoch: no cursor comes from a row later than that. */
    private static final long LATEST_MICROS = 253_402_300_799_999_999L;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    /** Where a page ended. */
    public record Position(Instant createdAt, String id) {
    }

    /** A row as read, with its position. */
    public record Row<T>(T item, Position position) {
    }

    /** A page of {@code items}; {@code nextCursor} is null on the last one. */
    public record Page<T>(List<T> items, @Nullable String nextCursor) {
    }

    private ListPage() {
    }

    /**
     * The page as the app API answers it: the items as a JSON array, as before paging existed, and, when there is
     * more, an RFC 8288 {@code Link: <path?limit=..&cursor=..>; rel="next"} header to follow.
     */
    public static <T> HttpResponse<List<T>> response(Page<T> page, String path, @Nullable Integer limit) {
        MutableHttpResponse<List<T>> response = HttpResponse.ok(page.items());
        if (page.nextCursor() != null) {
            response.header(HttpHeaders.LINK, "<" + path + "?limit=" + limit(limit) + "&cursor=" + page.nextCursor()
                    + ">; rel=\"next\"");
        }
        return response;
    }

    public static int limit(@Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return size;
    }

    /**
     * The cursor's id as PostgreSQL's uuid type reads it, or 400: {@code UUID.fromString} also takes "1-1-1-1-1",
     * which the database refuses (a 500 if it got that far).
     */
    public static void requireUuidId(Position position) {
        if (!UUID_TEXT.matcher(position.id()).matches()) {
            throw ProblemException.badRequest("cursor", "cursor is malformed");
        }
    }

    @Nullable
    public static Position after(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            // Only times a row can have: PostgreSQL refuses one before 4713 BC (a 500 if it got that far).
            if (micros < 0 || micros > LATEST_MICROS) {
                throw new IllegalArgumentException("out of range");
            }
            String id = text.substring(colon + 1);
            // Ids are text to PostgreSQL, which refuses a NUL in it (a 500 if it got that far); no id has a control.
            if (id.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("control character");
            }
            return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ProblemException.badRequest("cursor", "cursor is malformed");
        }
    }

    /** Cuts the rows (read with one more than {@code limit}) to a page, with the cursor after its last row. */
    public static <T> Page<T> of(List<Row<T>> rows, int limit) {
        List<T> items = rows.stream().limit(limit).map(Row::item).toList();
        if (rows.size() <= limit) {
            return new Page<>(items, null);
        }
        Position last = rows.get(limit - 1).position();
        String text = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()) + ":" + last.id();
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
}
