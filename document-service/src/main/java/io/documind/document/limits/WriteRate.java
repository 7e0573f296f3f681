package io.documind.document.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * A sliding window estimated from two fixed ones (the current window's count plus the previous one's, weighted by
 * how much of it still overlaps the sliding window): two numbers per counter instead of a log of writes (creations or updates), and
 * no burst of twice the limit across a window's edge.
 */
public record WriteRate(int limit, Duration window) {

    public WriteRate {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate needs limit >= 1 and a positive window");
        }
    }

    /** The fixed window {@code now} falls in (aligned to the epoch, so every instance agrees). */
    public Instant windowStart(Instant now) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }

    /**
     * How long until one more write fits, zero when this one does. {@code written} counts this write;
     * {@code before} is the previous window's count.
     */
    public Duration waitFor(long written, long before, Instant now) {
        return waitFor(written, before, now, 1);
    }

    /**
     * As {@link #waitFor(long, long, Instant)} for a write that counts {@code amount} (its characters, say), and whose
     * retry will count as much again: at most {@link #limit}, else it never fits.
     */
    public Duration waitFor(long written, long before, Instant now, long amount) {
        if (amount < 1 || amount > limit) {
            throw new IllegalArgumentException("a write of " + amount + " never fits a limit of " + limit);
        }
        double size = window.toMillis();
        double elapsed = Duration.between(windowStart(now), now).toMillis();
        if (before * (1 - elapsed / size) + written <= limit) {
            return Duration.ZERO;
        }
        if (written <= limit && before > 0) {
            // Still in this window, once enough of the previous one has slid out.
            double at = size * (1 - (double) (limit - written) / before);
            if (at < size) {
                return Duration.ofMillis((long) Math.ceil(at - elapsed));
            }
        }
        // In the next window: this one's writes (without the refused one) slide out, the retry counts alone.
        long carried = written - amount;
        double at = carried <= limit - amount ? 0 : size * (1 - (double) (limit - amount) / carried);
        return Duration.ofMillis((long) Math.ceil(size - elapsed + at));
    }
}
