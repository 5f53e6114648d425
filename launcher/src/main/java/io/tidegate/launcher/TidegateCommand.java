package io.tidegate.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tidegate}: the command line entry point. Each subcommand is its own class. */
@Command(name = "tidegate", mixinStandardHelpOptions = true, version = "tidegate 0.1.0",
        description = "Gateway control plane: Kubernetes-style documents from files, Nacos or etcd, served to standalone Envoy over xDS.",
        subcommands = {RunCommand.class, TranslateCommand.class, BootstrapCommand.class, CommandLine.HelpCommand.class})
public final class TidegateCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; tests set its out/err writers before executing. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TidegateCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // User-facing failures (port in use, Envoy missing, bad URI) carry a complete message already.
            cmd.getErr().println("tidegate: " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }
}
