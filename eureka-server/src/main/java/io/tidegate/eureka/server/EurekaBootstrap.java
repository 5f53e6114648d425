package io.tidegate.eureka.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * The Eureka server's main: Spring Cloud Netflix's {@code @EnableEurekaServer} and nothing else. Runs
 * only in the child JVM {@link EurekaServerProcess} starts; its settings come as program arguments.
 */
@SpringBootApplication
@EnableEurekaServer
public class EurekaBootstrap {

    public static void main(String[] args) {
        SpringApplication.run(EurekaBootstrap.class, args);
    }
}
