/**
 * Runnable example setups and the echo backend they route to. The YAML setups live next to this
 * module's sources ({@code examples/quickstart}, ...); the launcher's integration tests read them.
 */
package io.tidegate.examples;
