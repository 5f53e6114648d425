package io.tidegate.translator.istio;

import io.tidegate.translator.binding.GoDurations;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.istio.IstioCommon.HeaderOperationsSpec;
import io.tidegate.translator.istio.IstioCommon.HeadersSpec;
import io.tidegate.translator.istio.IstioCommon.Percent;
import io.tidegate.translator.istio.IstioCommon.StringMatchSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.CorsPolicySpec;
import io.tidegate.translator.istio.VirtualServiceSpec.FaultSpec;
import io.tidegate.translator.istio.VirtualServiceSpec.RetriesSpec;
import io.tidegate.translator.model.CorsPolicy;
import io.tidegate.translator.model.Headers;
import io.tidegate.translator.model.HttpFault;
import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.StringMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The per-route policies of an Istio HTTP route (retries, fault injection, CORS, header operations,
 * durations and percentages). A value that does not read is an error naming the field, and only
 * that policy is dropped: the route still serves.
 */
final class RouteFeatures {

    static final String INVALID_ROUTE = "InvalidRoute";

    /** Istio's retry conditions when {@code retries} is set without {@code retryOn}. */
    static final List<String> DEFAULT_RETRY_ON =
            List.of("connect-failure", "refused-stream", "unavailable", "cancelled", "503");

    private RouteFeatures() {
    }

    static Optional<Duration> duration(String value, String field, Reporter report) {
        if (value == null) return Optional.empty();
        Optional<Duration> parsed = GoDurations.parse(value);
        if (parsed.isEmpty()) {
            report.error(field, INVALID_ROUTE, "\"" + value + "\" is not a duration (e.g. 1s, 250ms); it is ignored");
        }
        return parsed;
    }

    /** A percentage in 0..100; {@code fallback} when neither form is written. */
    static Optional<Double> percentage(Percent percent, Integer legacy, double fallback, String field,
                                       Reporter report) {
        double value = percent != null && percent.value() != null ? percent.value()
                : legacy != null ? legacy : fallback;
        if (value < 0 || value > 100) {
            report.error(field, INVALID_ROUTE, "percentage " + value + " is not between 0 and 100; it is ignored");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static Optional<HttpRetry> retries(RetriesSpec spec, String field, Reporter report) {
        int attempts = spec.attempts() == null ? 0 : spec.attempts();
        if (attempts < 0) {
            report.error(field + ".attempts", INVALID_ROUTE, "attempts must not be negative; retries are ignored");
            return Optional.empty();
        }
        Optional<Duration> perTry = duration(spec.perTryTimeout(), field + ".perTryTimeout", report);
        List<String> retryOn = spec.retryOn() == null ? DEFAULT_RETRY_ON
                : Arrays.stream(spec.retryOn().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (spec.retryRemoteLocalities() != null) {
            report.unsupported(field + ".retryRemoteLocalities", "retryRemoteLocalities");
        }
        if (spec.retryIgnorePreviousHosts() != null) {
            report.unsupported(field + ".retryIgnorePreviousHosts", "retryIgnorePreviousHosts");
        }
        if (spec.backoff() != null) report.unsupported(field + ".backoff", "backoff");
        return Optional.of(new HttpRetry(attempts, perTry, retryOn));
    }

    static Optional<HttpFault> fault(FaultSpec spec, String field, Reporter report) {
        Optional<HttpFault.Delay> delay = Optional.empty();
        if (spec.delay() != null) {
            String delayField = field + ".delay";
            if (spec.delay().exponentialDelay() != null) {
                report.unsupported(delayField + ".exponentialDelay", "exponentialDelay");
            }
            Optional<Duration> fixed = duration(spec.delay().fixedDelay(), delayField + ".fixedDelay", report);
            Optional<Double> percentage = percentage(spec.delay().percentage(), spec.delay().percent(), 100,
                    delayField + ".percentage", report);
            if (spec.delay().fixedDelay() == null) {
                report.error(delayField + ".fixedDelay", INVALID_ROUTE, "a delay needs fixedDelay; it is ignored");
            } else if (fixed.isPresent() && percentage.isPresent()) {
                delay = Optional.of(new HttpFault.Delay(fixed.get(), percentage.get()));
            }
        }
        Optional<HttpFault.Abort> abort = Optional.empty();
        if (spec.abort() != null) {
            String abortField = field + ".abort";
            if (spec.abort().grpcStatus() != null) report.unsupported(abortField + ".grpcStatus", "grpcStatus");
            if (spec.abort().http2Error() != null) report.unsupported(abortField + ".http2Error", "http2Error");
            Optional<Double> percentage = percentage(spec.abort().percentage(), null, 100,
                    abortField + ".percentage", report);
            Integer status = spec.abort().httpStatus();
            if (status == null || status < 200 || status > 599) {
                report.error(abortField + ".httpStatus", INVALID_ROUTE, "httpStatus " + status
                        + " is not an HTTP status (200..599); the abort is ignored");
            } else if (percentage.isPresent()) {
                abort = Optional.of(new HttpFault.Abort(status, percentage.get()));
            }
        }
        return delay.isEmpty() && abort.isEmpty() ? Optional.empty() : Optional.of(new HttpFault(delay, abort));
    }

    static Optional<CorsPolicy> cors(CorsPolicySpec spec, String field, Reporter report) {
        List<StringMatch> origins = new ArrayList<>();
        for (int i = 0; i < spec.allowOrigins().size(); i++) {
            StringMatchSpec origin = spec.allowOrigins().get(i);
            if (origin != null) {
                IstioMatches.stringMatch(origin, field + ".allowOrigins[" + i + "]", report).ifPresent(origins::add);
            }
        }
        // The deprecated list of exact origins.
        spec.allowOrigin().forEach(origin -> origins.add(new StringMatch.Exact(origin)));
        if (spec.unmatchedPreflights() != null) {
            report.unsupported(field + ".unmatchedPreflights", "unmatchedPreflights");
        }
        Optional<Duration> maxAge = duration(spec.maxAge(), field + ".maxAge", report);
        return Optional.of(new CorsPolicy(origins, spec.allowMethods(), spec.allowHeaders(), spec.exposeHeaders(),
                maxAge, Optional.ofNullable(spec.allowCredentials())));
    }

    static Optional<Headers> headers(HeadersSpec spec) {
        if (spec == null) return Optional.empty();
        Headers headers = new Headers(operations(spec.request()), operations(spec.response()));
        return headers.request().isEmpty() && headers.response().isEmpty() ? Optional.empty() : Optional.of(headers);
    }

    private static Headers.HeaderOperations operations(HeaderOperationsSpec spec) {
        return spec == null ? Headers.HeaderOperations.NONE
                : new Headers.HeaderOperations(spec.set(), spec.add(), spec.remove());
    }
}
