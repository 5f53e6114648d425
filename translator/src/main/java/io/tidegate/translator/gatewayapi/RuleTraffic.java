package io.tidegate.translator.gatewayapi;

import io.tidegate.source.Resource;
import io.tidegate.translator.binding.GoDurations;
import io.tidegate.translator.binding.Reporter;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.RetrySpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.SessionPersistenceSpec;
import io.tidegate.translator.gatewayapi.GatewayApiSpecs.TimeoutsSpec;
import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRetry;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.SessionPersistence;
import io.tidegate.translator.model.StringMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A rule's timeouts, retry and session persistence, read as Envoy Gateway maps them:
 * {@code timeouts.request} is the route timeout, {@code timeouts.backendRequest} each try's timeout,
 * {@code retry} Envoy's retry policy (connection errors always, plus the listed statuses), and
 * {@code sessionPersistence} a cookie or header naming the endpoint, scoped to the match's path.
 */
final class RuleTraffic {

    static final String INVALID_TIMEOUT = "InvalidTimeout";
    static final String INVALID_RETRY = "InvalidRetry";
    static final String INVALID_SESSION_PERSISTENCE = "InvalidSessionPersistence";

    /**
     * What Gateway API's retry always covers: "SHOULD retry on connection errors (disconnect,
     * reset, timeout, TCP failure)". Statuses come on top, as bare codes.
     */
    static final List<String> CONNECTION_ERRORS = List.of("connect-failure", "refused-stream", "reset");
    /** Envoy Gateway's defaults when the rule leaves them out. */
    static final int DEFAULT_ATTEMPTS = 2;
    static final int DEFAULT_CODE = 503;

    /** The request timeout (route) and the retry policy carrying the backendRequest timeout. */
    record Settings(Optional<Duration> timeout, Optional<HttpRetry> retry, Optional<Session> session) {
        HttpRoute apply(HttpRoute route) {
            Optional<SessionPersistence> persistence = session.map(s -> s.at(cookiePath(route.match())));
            return route.withTimeout(timeout).withRetries(retry).withSessionPersistence(persistence);
        }
    }

    /** Session persistence before its cookie path is known (the path comes from each match). */
    record Session(SessionPersistence.Type type, String name, Optional<Duration> ttl) {
        SessionPersistence at(String path) {
            return new SessionPersistence(type, name, type == SessionPersistence.Type.COOKIE ? path : "", ttl);
        }
    }

    private RuleTraffic() {
    }

    static Settings http(Resource route, int ruleIndex, TimeoutsSpec timeouts, RetrySpec retry,
                         SessionPersistenceSpec session, Reporter report) {
        String field = "spec.rules[" + ruleIndex + "]";
        Optional<Duration> request = Optional.empty();
        Optional<Duration> backendRequest = Optional.empty();
        if (timeouts != null) {
            request = duration(timeouts.request(), field + ".timeouts.request", INVALID_TIMEOUT,
                    "the timeout is ignored", report);
            backendRequest = duration(timeouts.backendRequest(), field + ".timeouts.backendRequest", INVALID_TIMEOUT,
                    "the timeout is ignored", report);
            // Gateway API: backendRequest must be no more than request, which covers every try ("0s" disables request).
            if (request.isPresent() && backendRequest.isPresent() && !request.get().isZero()
                    && backendRequest.get().compareTo(request.get()) > 0) {
                report.error(field + ".timeouts.backendRequest", INVALID_TIMEOUT, "backendRequest "
                        + timeouts.backendRequest() + " is longer than request " + timeouts.request()
                        + ", which covers every try; the backendRequest timeout is ignored");
                backendRequest = Optional.empty();
            }
            if (backendRequest.isPresent() && backendRequest.get().isZero()) backendRequest = Optional.empty();
        }
        Optional<HttpRetry> retries = retry == null ? backendRequest.map(perTry -> new HttpRetry(0,
                Optional.of(perTry), List.of())) : Optional.of(retry(retry, backendRequest, field + ".retry", report));
        return new Settings(request, retries, session(route, ruleIndex, session, report));
    }

    static Settings grpc(Resource route, int ruleIndex, SessionPersistenceSpec session, Reporter report) {
        return new Settings(Optional.empty(), Optional.empty(), session(route, ruleIndex, session, report));
    }

    private static HttpRetry retry(RetrySpec spec, Optional<Duration> perTry, String field, Reporter report) {
        int attempts = DEFAULT_ATTEMPTS;
        if (spec.attempts() != null) {
            if (spec.attempts() < 0) {
                report.error(field + ".attempts", INVALID_RETRY, "attempts must not be negative; " + DEFAULT_ATTEMPTS
                        + " is used");
            } else {
                attempts = spec.attempts();
            }
        }
        TreeSet<Integer> codes = new TreeSet<>();
        for (int i = 0; i < spec.codes().size(); i++) {
            Integer code = spec.codes().get(i);
            if (code == null || code < 400 || code > 599) {
                report.error(field + ".codes[" + i + "]", INVALID_RETRY, "code " + code
                        + " is not between 400 and 599; it is ignored");
            } else {
                codes.add(code);
            }
        }
        if (spec.codes().isEmpty()) codes.add(DEFAULT_CODE);
        List<String> retryOn = new ArrayList<>(CONNECTION_ERRORS);
        codes.forEach(code -> retryOn.add(Integer.toString(code)));
        Optional<Duration> backoff = duration(spec.backoff(), field + ".backoff", INVALID_RETRY, "Envoy's default "
                + "backoff (25ms) is used", report);
        if (backoff.isPresent() && backoff.get().compareTo(Duration.ofMillis(1)) < 0) {
            // Envoy refuses a base interval under 1ms, and would reject the whole route configuration.
            report.error(field + ".backoff", INVALID_RETRY, "backoff " + spec.backoff() + " is under 1ms; Envoy's "
                    + "default backoff (25ms) is used instead");
            backoff = Optional.empty();
        }
        return new HttpRetry(attempts, perTry, retryOn, backoff);
    }

    private static Optional<Session> session(Resource route, int ruleIndex, SessionPersistenceSpec spec,
                                             Reporter report) {
        if (spec == null) return Optional.empty();
        String field = "spec.rules[" + ruleIndex + "].sessionPersistence";
        String type = spec.type() == null ? "Cookie" : spec.type();
        if (!type.equals("Cookie") && !type.equals("Header")) {
            report.error(field + ".type", INVALID_SESSION_PERSISTENCE, "type " + type
                    + " is not Cookie or Header; the rule has no session persistence");
            return Optional.empty();
        }
        // Envoy needs a name; one per rule keeps two rules from reading each other's sessions.
        String name = spec.sessionName() != null && !spec.sessionName().isBlank() ? spec.sessionName()
                : "tidegate-session-" + route.key().namespace() + "-" + route.key().name() + "-" + (ruleIndex + 1);
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            report.error(field + ".sessionName", INVALID_SESSION_PERSISTENCE, "sessionName " + name
                    + " is not a valid cookie or header name; the rule has no session persistence");
            return Optional.empty();
        }
        if (spec.idleTimeout() != null) {
            report.unsupported(field + ".idleTimeout", "idleTimeout (Envoy's stateful session has no idle expiry; "
                    + "the session lasts until absoluteTimeout or the end of the browser session)");
        }
        Optional<Duration> absolute = duration(spec.absoluteTimeout(), field + ".absoluteTimeout",
                INVALID_SESSION_PERSISTENCE, "the session does not expire", report);
        if (type.equals("Header")) {
            if (spec.cookieConfig() != null) {
                report.warning(field + ".cookieConfig", INVALID_SESSION_PERSISTENCE, "cookieConfig has no effect on "
                        + "a Header session");
            }
            if (absolute.isPresent()) {
                report.unsupported(field + ".absoluteTimeout", "absoluteTimeout on a Header session (the header "
                        + "carries no expiry)");
            }
            return Optional.of(new Session(SessionPersistence.Type.HEADER, name, Optional.empty()));
        }
        String lifetime = spec.cookieConfig() == null || spec.cookieConfig().lifetimeType() == null ? "Session"
                : spec.cookieConfig().lifetimeType();
        Optional<Duration> ttl = Optional.empty();
        switch (lifetime) {
            case "Permanent" -> {
                if (absolute.isEmpty() || absolute.get().isZero()) {
                    report.error(field + ".absoluteTimeout", INVALID_SESSION_PERSISTENCE, "a Permanent cookie needs "
                            + "absoluteTimeout; a session cookie is used instead");
                } else {
                    ttl = absolute;
                }
            }
            case "Session" -> {
                if (absolute.isPresent()) {
                    report.unsupported(field + ".absoluteTimeout", "absoluteTimeout on a Session cookie (Envoy cannot "
                            + "expire a session cookie; use lifetimeType Permanent)");
                }
            }
            default -> report.error(field + ".cookieConfig.lifetimeType", INVALID_SESSION_PERSISTENCE, "lifetimeType "
                    + lifetime + " is not Session or Permanent; a session cookie is used");
        }
        return Optional.of(new Session(SessionPersistence.Type.COOKIE, name, ttl));
    }

    private static Optional<Duration> duration(String text, String field, String reason, String consequence,
                                               Reporter report) {
        if (text == null) return Optional.empty();
        Optional<Duration> parsed = GoDurations.parse(text);
        if (parsed.isEmpty()) {
            report.error(field, reason, "\"" + text + "\" is not a duration (e.g. 10s); " + consequence);
        }
        return parsed;
    }

    /**
     * The cookie's path: the match's path as written (a PathPrefix without its trailing slash, so
     * {@code /foo} covers {@code /foo} and {@code /foo/x}), or the literal start of a regex up to its
     * last slash, as Gateway API's GEP-1619 asks.
     */
    static String cookiePath(List<HttpMatch> matches) {
        if (matches.isEmpty() || matches.get(0).uri().isEmpty()) return "/";
        StringMatch uri = matches.get(0).uri().get();
        String path = uri.value();
        if (uri instanceof StringMatch.Regex) {
            int meta = 0;
            while (meta < path.length() && ".[](){}*+?^$|\\".indexOf(path.charAt(meta)) < 0) meta++;
            path = path.substring(0, meta);
            path = path.substring(0, Math.max(0, path.lastIndexOf('/') + 1));
        }
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path.isEmpty() || !path.startsWith("/") ? "/" : path;
    }
}
