package io.documind.kit.web;

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
}
