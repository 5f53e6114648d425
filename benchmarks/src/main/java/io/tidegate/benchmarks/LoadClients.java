package io.tidegate.benchmarks;

import io.tidegate.testing.HttpConnection;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Clients that request one unchanging route without pause: kept-alive HTTP, kept-alive HTTPS, and a new
 * HTTP connection per request. Each client thread keeps its own samples; a phase's {@link Tally} is
 * taken from all of them once the phase is over.
 */
final class LoadClients implements AutoCloseable {

    /** What the clients saw during one phase. */
    record Tally(long requests, long failed, long transportErrors, long closedByEnvoy, Optional<Stats> latency,
                 Optional<String> firstError) { }

    private enum Outcome { OK, FAILED, TRANSPORT_ERROR }

    private record Sample(int phase, Outcome outcome, boolean closedByEnvoy, double millis, String error) { }

    /** How one client opens its connection. */
    private interface Connector {
        HttpConnection open() throws IOException;
    }

    private final List<Client> clients;
    private volatile int phase = -1;

    private LoadClients(List<Client> clients) {
        this.clients = List.copyOf(clients);
    }

    static LoadClients start(int httpPort, int httpsPort, String httpHost, String httpsHost, X509Certificate ca) {
        LoadClients load = new LoadClients(List.of(
                new Client("http-keepalive", httpHost, true, () -> new HttpConnection("127.0.0.1", httpPort)),
                new Client("https-keepalive", httpsHost, true,
                        () -> HttpConnection.tls(httpsPort, Optional.of(httpsHost), ca)),
                new Client("http-new-connection", httpHost, false, () -> new HttpConnection("127.0.0.1", httpPort))));
        load.clients.forEach(client -> client.start(load));
        return load;
    }

    void beginPhase(int index) {
        phase = index;
    }

    /** Ends the phase and counts what every client saw during it. */
    Tally endPhase(int index) {
        phase = -1;
        List<Sample> samples = new ArrayList<>();
        for (Client client : clients) {
            samples.addAll(client.drain(index));
        }
        List<Double> answered = samples.stream().filter(s -> s.outcome != Outcome.TRANSPORT_ERROR)
                .map(Sample::millis).toList();
        return new Tally(samples.size(), samples.stream().filter(s -> s.outcome == Outcome.FAILED).count(),
                samples.stream().filter(s -> s.outcome == Outcome.TRANSPORT_ERROR).count(),
                samples.stream().filter(Sample::closedByEnvoy).count(),
                answered.isEmpty() ? Optional.empty() : Optional.of(Stats.of(answered)),
                samples.stream().map(Sample::error).filter(java.util.Objects::nonNull).findFirst());
    }

    @Override
    public void close() throws InterruptedException {
        for (Client client : clients) {
            client.stop();
        }
    }

    /** One client thread; its samples are only touched by it until {@link #drain} reads them per phase. */
    private static final class Client {
        private final String name;
        private final String host;
        private final boolean keepAlive;
        private final Connector connector;
        private final ConcurrentMap<Integer, List<Sample>> byPhase = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        Client(String name, String host, boolean keepAlive, Connector connector) {
            this.name = name;
            this.host = host;
            this.keepAlive = keepAlive;
            this.connector = connector;
        }

        void start(LoadClients load) {
            thread = new Thread(() -> loop(load), "load-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop(LoadClients load) {
            HttpConnection connection = null;
            while (running) {
                int current = load.phase;
                long start = System.nanoTime();
                Outcome outcome;
                boolean closed = false;
                String error = null;
                try {
                    if (connection == null) {
                        connection = connector.open();
                    }
                    HttpConnection.Response response = connection.send("GET", host, "/");
                    outcome = response.status() == 200 ? Outcome.OK : Outcome.FAILED;
                    if (outcome == Outcome.FAILED) error = name + ": status " + response.status();
                    closed = keepAlive && "close".equalsIgnoreCase(response.headers().getOrDefault("connection", ""));
                    if (closed || !keepAlive) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException e) {
                    outcome = Outcome.TRANSPORT_ERROR;
                    error = name + ": " + e;
                    connection = replace(connection, e);
                }
                if (current >= 0) {
                    byPhase.computeIfAbsent(current, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(new Sample(current, outcome, closed, (System.nanoTime() - start) / 1e6, error));
                }
            }
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    System.err.println(name + ": closing the last connection failed: " + e);
                }
            }
        }

        /** A broken connection is dropped for a new one; the error it ended with is the sample's. */
        private static HttpConnection replace(HttpConnection connection, IOException cause) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
            }
            return null;
        }

        List<Sample> drain(int phase) {
            List<Sample> samples = byPhase.remove(phase);
            if (samples == null) return List.of();
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(15_000);
        }
    }
}
