package io.documind.notification.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sliding-window rate limits as a schedule: each limited email takes a slot (the time it may first be sent),
 * and a new email gets the earliest slot, not before now, that keeps at most {@code limit} slots in every
 * window of length {@code window} for each of its limits. Over the limit, mail is deferred, never dropped.
 */
public final class SendSlots {

    /** At most {@code limit} slots in any window of {@code window}; {@code taken} are slots already given. */
    public record Limit(int limit, Duration window, List<Instant> taken) {
        public Limit {
            if (limit < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a limit needs limit >= 1 and a positive window");
            }
            taken = taken.stream().sorted().toList();
        }
    }

    private record Blocked(Instant from, Instant until) {
    }

    private SendSlots() {
    }

    /**
     * The earliest instant at or after {@code now} free under every limit. Adding slot t would break a limit
     * exactly when some {@code limit} consecutive taken slots s[i..i+limit-1] lie within less than a window and t
     * falls in the open interval (s[i+limit-1] - window, s[i] + window): then those slots and t fit in one window.
     */
    public static Instant earliest(Instant now, List<Limit> limits) {
        List<Blocked> blocked = new ArrayList<>();
        for (Limit l : limits) {
            List<Instant> s = l.taken();
            for (int i = 0; i + l.limit() - 1 < s.size(); i++) {
                Instant first = s.get(i);
                Instant last = s.get(i + l.limit() - 1);
                if (Duration.between(first, last).compareTo(l.window()) < 0) {
                    blocked.add(new Blocked(last.minus(l.window()), first.plus(l.window())));
                }
            }
        }
        blocked.sort(Comparator.comparing(Blocked::from));
        Instant t = now;
        for (Blocked b : blocked) {
            if (!t.isAfter(b.from())) {
                break; // every remaining interval starts at or after t: t is free
            }
            if (t.isBefore(b.until())) {
                t = b.until();
            }
        }
        return t;
    }
}
