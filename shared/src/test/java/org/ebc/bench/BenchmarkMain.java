package org.ebc.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the shared module's JMH benchmarks with JMH's own command-line options (for example
 * {@code -wi 2 -i 3 -f 1 OcmfSignatureBenchmark}). Maven passes them as one property, so each argument is
 * split on whitespace as a shell would.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        List<String> split = new ArrayList<>();
        for (String a : args) {
            for (String part : a.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    split.add(part);
                }
            }
        }
        new Runner(new CommandLineOptions(split.toArray(String[]::new))).run();
    }
}
