package io.tidegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidegate.testing.EnvoyProcess;
import io.tidegate.testing.HttpConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Waits for what a service registry changes in Envoy: which echo pods answer a host, and which
 * members a cluster has. Shared by the McpBridge ITs (Nacos 3 and Nacos 2.x).
 */
final class RegistryProbes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryProbes() {
    }

    /** Polls until the pods answering {@code host} (over 20 requests) are exactly {@code pods}. */
    static void awaitPods(int listenPort, String host, Set<String> pods, Duration within, ControlPlane controlPlane)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> seen = Set.of();
        while (System.nanoTime() < deadline) {
            Set<String> round = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                try {
                    HttpConnection.Response response = HttpConnection.get(listenPort, host, "/");
                    round.add(response.status() == 200 ? JSON.readTree(response.body()).path("pod").asText()
                            : "HTTP " + response.status());
                } catch (IOException listenerNotUpYet) {
                    round.add(listenerNotUpYet.toString());
                }
            }
            if (round.equals(pods)) return;
            seen = round;
            Thread.sleep(20);
        }
        throw new AssertionError("expected pods " + pods + " within " + within + ", last seen " + seen
                + "\ndiagnostics: " + controlPlane.pipelineStatus().diagnostics() + "\nsources: " + controlPlane.sourceHealth());
    }

    /** Polls Envoy's {@code /clusters} until the cluster of {@code host} has exactly {@code members}; returns its name. */
    static String awaitMembers(EnvoyProcess envoy, String host, Set<String> members, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            JsonNode clusters = JSON.readTree(envoy.admin("/clusters?format=json").body());
            for (JsonNode status : clusters.path("cluster_statuses")) {
                String name = status.path("name").asText();
                if (!name.toLowerCase(Locale.ROOT).contains(host.toLowerCase(Locale.ROOT))) continue;
                Set<String> found = new TreeSet<>();
                for (JsonNode member : status.path("host_statuses")) {
                    JsonNode address = member.path("address").path("socket_address");
                    found.add(address.path("address").asText() + ":" + address.path("port_value").asInt());
                }
                if (found.equals(members)) return name;
                last = name + " " + found;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the cluster of " + host + " never had exactly " + members + " within " + within
                + "; last " + last);
    }
}
