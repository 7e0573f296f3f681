package io.documind.kit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/**
 * Logto-style pagination of the Management APIs: {@code page} from 1, {@code page_size} from 1 to a hard cap.
 * Out-of-range values are refused with a 400 rather than silently clamped, so callers learn the limits.
 */
public record PageRequest(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** The response header carrying the total count, as Logto sends it. */
    public static final String TOTAL_HEADER = "Total-Number";

    public static PageRequest of(Integer page, Integer pageSize) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (p < 1 || p > 1_000_000) {
            throw ProblemException.badRequest("page", "page must be between 1 and 1000000");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page_size", "page_size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new PageRequest(p, size);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /**
     * A list read whole (one bounded by the template or by one holder's grants), paged as Logto pages such lists:
     * with {@code page} or {@code page_size} that page, checked as {@link #of}; with neither, all of it. Either way
     * the total in {@link #TOTAL_HEADER}.
     */
    public static <T> MutableHttpResponse<List<T>> slice(List<T> all, @Nullable Integer page,
                                                         @Nullable Integer pageSize) {
        List<T> body = all;
        if (page != null || pageSize != null) {
            PageRequest paging = of(page, pageSize);
            int from = (int) Math.min(all.size(), paging.offset());
            body = all.subList(from, Math.min(all.size(), from + paging.pageSize()));
        }
        return HttpResponse.ok(body).header(TOTAL_HEADER, String.valueOf(all.size()));
    }
}
