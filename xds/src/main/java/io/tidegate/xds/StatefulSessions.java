package io.tidegate.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.extensions.filters.http.stateful_session.v3.StatefulSession;
import io.envoyproxy.envoy.extensions.filters.http.stateful_session.v3.StatefulSessionPerRoute;
import io.envoyproxy.envoy.extensions.http.stateful_session.cookie.v3.CookieBasedSessionState;
import io.envoyproxy.envoy.extensions.http.stateful_session.header.v3.HeaderBasedSessionState;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.type.http.v3.Cookie;
import io.tidegate.translator.model.SessionPersistence;

/**
 * Session persistence as Envoy Gateway builds it: the stateful session filter sits in every chain,
 * off, and a route that asks for persistence switches it on with its own cookie or header. Envoy
 * writes the chosen endpoint's address into the cookie (or response header) and, when a request
 * carries it back, sends it to that endpoint while it is still healthy (not strict: otherwise the
 * load balancer picks a new one and the token is rewritten).
 */
final class StatefulSessions {

    static final String FILTER = "envoy.filters.http.stateful_session";
    private static final String COOKIE_STATE = "envoy.http.stateful_session.cookie";
    private static final String HEADER_STATE = "envoy.http.stateful_session.header";

    private StatefulSessions() {
    }

    /** The chain's filter: off unless a route's config turns it on. */
    static HttpFilter filter() {
        return HttpFilter.newBuilder()
                .setName(FILTER)
                .setTypedConfig(Any.pack(StatefulSession.getDefaultInstance()))
                .setDisabled(true)
                .build();
    }

    static StatefulSessionPerRoute perRoute(SessionPersistence session) {
        TypedExtensionConfig state = switch (session.type()) {
            case COOKIE -> {
                Cookie.Builder cookie = Cookie.newBuilder().setName(session.name()).setPath(session.path());
                session.ttl().ifPresent(ttl -> cookie.setTtl(Durations.of(ttl)));
                yield TypedExtensionConfig.newBuilder().setName(COOKIE_STATE)
                        .setTypedConfig(Any.pack(CookieBasedSessionState.newBuilder().setCookie(cookie).build()))
                        .build();
            }
            case HEADER -> TypedExtensionConfig.newBuilder().setName(HEADER_STATE)
                    .setTypedConfig(Any.pack(HeaderBasedSessionState.newBuilder().setName(session.name()).build()))
                    .build();
        };
        return StatefulSessionPerRoute.newBuilder()
                .setStatefulSession(StatefulSession.newBuilder().setSessionState(state))
                .build();
    }
}
