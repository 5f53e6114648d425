package io.tidegate.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options every benchmark takes: {@code --routes 1,1000} (route counts to load; not offered when
 * the defaults have none), {@code --changes N} (or {@code --rounds N}: samples per row) and
 * {@code --out FILE} (the results file).
 */
record BenchArgs(List<Integer> routes, int samples, Path out) {

    BenchArgs {
        routes = List.copyOf(routes);
    }

    /** {@code args} over {@code defaults}; {@code samplesOption} is {@code --changes} or {@code --rounds}. */
    static BenchArgs parse(String[] args, BenchArgs defaults, String samplesOption) {
        List<Integer> routes = defaults.routes;
        int samples = defaults.samples;
        Path out = defaults.out;
        List<String> known = new ArrayList<>(List.of(samplesOption, "--out"));
        if (!routes.isEmpty()) known.add(0, "--routes");
        if (args.length % 2 != 0) throw new IllegalArgumentException("every option needs a value " + known);
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            String value = args[i + 1];
            if (!known.contains(option)) throw new IllegalArgumentException("unknown option " + option + " " + known);
            if (option.equals("--routes")) routes = Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
            else if (option.equals("--out")) out = Path.of(value);
            else samples = Integer.parseInt(value);
        }
        return new BenchArgs(routes, samples, out);
    }

    /** Writes the report to {@link #out} and says where. */
    void write(String report) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("results written to " + out);
    }
}
