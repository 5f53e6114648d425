package io.tidegate.translator.annotation;

import io.tidegate.translator.model.HttpMatch;
import io.tidegate.translator.model.HttpRoute;
import io.tidegate.translator.model.ServerTls;
import io.tidegate.translator.model.TrafficPolicy;
import io.tidegate.translator.model.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All annotation groups of one Ingress, parsed, in handler order; applying follows that order. */
public record ParsedAnnotations(List<AnnotationConfig> configs, List<AnnotationProblem> problems) {

    public static final ParsedAnnotations NONE = new ParsedAnnotations(List.of(), List.of());

    public ParsedAnnotations {
        configs = List.copyOf(configs);
        problems = List.copyOf(problems);
    }

    /** The config of one group, for the stages that read a group directly (canary). */
    public <T extends AnnotationConfig> Optional<T> config(Class<T> type) {
        return configs.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public Optional<PathSyntax> pathSyntax() {
        return configs.stream().map(AnnotationConfig::pathSyntax).flatMap(Optional::stream).findFirst();
    }

    public HttpMatch applyToMatch(HttpMatch match) {
        HttpMatch result = match;
        for (AnnotationConfig config : configs) result = config.applyToMatch(result);
        return result;
    }

    public HttpRoute applyToRoute(HttpRoute route) {
        HttpRoute result = route;
        for (AnnotationConfig config : configs) result = config.applyToRoute(result);
        return result;
    }

    public List<HttpRoute> expandRoute(HttpRoute route) {
        List<HttpRoute> routes = List.of(route);
        for (AnnotationConfig config : configs) {
            List<HttpRoute> next = new ArrayList<>();
            routes.forEach(each -> next.addAll(config.expandRoute(each)));
            routes = next;
        }
        return routes;
    }

    public VirtualService applyToVirtualService(VirtualService virtualService) {
        VirtualService result = virtualService;
        for (AnnotationConfig config : configs) result = config.applyToVirtualService(result);
        return result;
    }

    public ServerTls applyToServerTls(ServerTls tls) {
        ServerTls result = tls;
        for (AnnotationConfig config : configs) result = config.applyToServerTls(result);
        return result;
    }

    public TrafficPolicy applyToTrafficPolicy(TrafficPolicy policy) {
        TrafficPolicy result = policy;
        for (AnnotationConfig config : configs) result = config.applyToTrafficPolicy(result);
        return result;
    }
}
