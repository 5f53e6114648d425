package io.tidegate.translator.binding;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Istio and Gateway API documents write them: Go's form ({@code 1h30m}, {@code 1.5s},
 * {@code 250ms}, {@code 10us}), which covers protobuf's JSON form ({@code 1.500s}) too.
 */
public final class GoDurations {

    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]*)?(?:h|m|s|ms|us|µs|ns))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(h|ms|m|s|us|µs|ns)");

    private GoDurations() {
    }

    /** The duration, or empty when {@code text} is not one (negative durations are not). */
    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) return Optional.empty();
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long unit = switch (part.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            };
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }
}
