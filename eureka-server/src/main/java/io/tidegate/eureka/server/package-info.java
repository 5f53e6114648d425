/**
 * A real Spring Cloud Netflix Eureka server as a child JVM ({@link io.tidegate.eureka.server.EurekaServerProcess})
 * and a small client of its REST API ({@link io.tidegate.eureka.server.EurekaRestClient}) that registers,
 * renews and removes instances the way Eureka clients do, for tests and trials.
 */
package io.tidegate.eureka.server;
