/** Benchmarks that run real processes and print numbers; they never assert timings and never run in the test suite. */
package io.tidegate.benchmarks;
