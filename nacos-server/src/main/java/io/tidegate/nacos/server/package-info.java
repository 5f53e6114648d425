/**
 * A real Nacos 3.1.0 (or 2.3.1) server as a separate process ({@link io.tidegate.nacos.server.NacosServerProcess}),
 * its bootstrap mains, and a small open-API client ({@link io.tidegate.nacos.server.NacosOpenApi}) for
 * tests, benchmarks and the start script.
 */
package io.tidegate.nacos.server;
