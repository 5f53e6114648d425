package io.tidegate.nacos.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts a Nacos server for a person (used by {@code scripts/nacos-server.sh}): waits until it is
 * ready, creates the admin user when auth is on, writes the pid to {@code HOME/nacos.pid} and exits,
 * leaving the server running. Usage:
 * {@code NacosServerCli --home DIR [--port 8848] [--auth ADMIN_PASSWORD_FILE] [--version 2|3]}.
 */
public final class NacosServerCli {

    private NacosServerCli() {
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 8848;
        Path passwordFile = null;
        NacosServerOptions.Version version = NacosServerOptions.Version.NACOS_3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--auth" -> passwordFile = Path.of(args[i + 1]);
                case "--version" -> version = switch (args[i + 1]) {
                    case "2" -> NacosServerOptions.Version.NACOS_2;
                    case "3" -> NacosServerOptions.Version.NACOS_3;
                    default -> throw new IllegalArgumentException("--version takes 2 or 3, not " + args[i + 1]);
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--home, --port, --auth, --version)");
            }
        }
        if (home == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: NacosServerCli --home DIR [--port N] [--auth ADMIN_PASSWORD_FILE] [--version 2|3]");
        }
        NacosServerOptions options = NacosServerOptions.defaults(home.toAbsolutePath()).withPort(port)
                .withStartTimeout(Duration.ofSeconds(120)).withVersion(version);
        if (passwordFile != null) {
            // From a file, so the password shows up in no process list.
            options = options.withAuth(Files.readString(passwordFile).strip());
        }
        NacosServerProcess server = NacosServerProcess.start(options);
        server.detach();
        Files.writeString(home.resolve("nacos.pid"), server.pid() + "\n");
        System.out.println((version == NacosServerOptions.Version.NACOS_2 ? "Nacos 2.3.1" : "Nacos 3.1.0") + " ready on http://" + server.address() + "/nacos (gRPC " + server.grpcPort()
                + "), auth " + (options.auth() ? "on (user nacos)" : "off") + ", home " + home.toAbsolutePath()
                + ", pid " + server.pid());
    }
}
