package io.tidegate.launcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which port Envoy binds for a gateway port, shared by {@code run} and {@code translate}: {@code
 * --listen-port N} for port 80 (the common case) and {@code --port-map GATEWAY=BOUND} for any port, so
 * an Envoy that is not root can serve gateway ports 80 and 443 (or a Gateway API listener on 8443) on
 * high ports. Listener and route names keep the gateway port, so changing a mapping moves only listeners.
 */
final class PortMappingOptions {

    @Option(names = "--listen-port", paramLabel = "N",
            description = "Port Envoy binds for the gateway's HTTP port 80, so Envoy need not run as root "
                    + "(default: 80). Short for --port-map 80=N.")
    Integer listenPort;

    @Option(names = "--port-map", paramLabel = "GATEWAY=BOUND",
            description = "Port Envoy binds for a gateway port (repeatable), e.g. 443=10443; an unmapped port "
                    + "is bound as it is.")
    Map<String, String> portMap = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Gateway port → bound port, checked: ports in 1..65535, port 80 not mapped two ways. */
    Map<Integer, Integer> mapping() {
        Map<Integer, Integer> out = new TreeMap<>();
        portMap.forEach((gateway, bound) -> out.put(port(gateway, gateway + "=" + bound),
                port(bound, gateway + "=" + bound)));
        if (listenPort != null) {
            int bound = checked(listenPort, "--listen-port " + listenPort);
            Integer mapped = out.putIfAbsent(80, bound);
            if (mapped != null && mapped != bound) {
                throw usage("--listen-port " + listenPort + " and --port-map 80=" + mapped + " disagree; give one");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private int port(String text, String entry) {
        try {
            return checked(Integer.parseInt(text.trim()), "--port-map " + entry);
        } catch (NumberFormatException e) {
            throw usage("--port-map " + entry + " is not GATEWAY=BOUND with two port numbers");
        }
    }

    private int checked(int port, String what) {
        if (port < 1 || port > 65535) throw usage(what + ": " + port + " is not a port (1..65535)");
        return port;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
