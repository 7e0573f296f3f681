package io.documind.kit.web;

import java.time.Duration;

/** A period as a problem's detail says it to people: "24 hours", "1 minute", "90 seconds", never "PT24H". */
public final class SpokenDuration {

    private SpokenDuration() {
    }

    public static String of(Duration period) {
        long seconds = period.toSeconds();
        if (seconds % 3600 == 0 && seconds != 0) {
            return plural(seconds / 3600, "hour");
        }
        return seconds % 60 == 0 && seconds != 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
