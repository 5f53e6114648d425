package io.tidegate.nacos.server;

import com.alibaba.nacos.core.code.ControllerMethodsCache;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletComponentScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The main class of a Nacos 2.x server process ({@link NacosServerOptions.Version#NACOS_2}). Nacos 2's
 * own main ({@code com.alibaba.nacos.Nacos}) lives in its console module, which is not on Maven
 * Central; this is that class without the console: one Spring Boot context over
 * {@code com.alibaba.nacos}, plus the registration of the open-API controllers that the console's
 * configuration does (without it every {@code /nacos/v1/...} call answers "no such api").
 *
 * <p>Compiled against the 3.1.0 tree, run only on the 2.3.1 tree: it uses nothing but names that
 * both have ({@code ControllerMethodsCache#initClassMethod(String)}, Spring Boot's annotations).
 */
@SpringBootApplication(scanBasePackages = "com.alibaba.nacos")
@ServletComponentScan
@EnableScheduling
public class Nacos2Bootstrap {

    public static void main(String[] args) {
        SpringApplication.run(Nacos2Bootstrap.class, args);
    }

    /** What Nacos 2's {@code ConsoleConfig} does at start, minus the console's own controllers. */
    @Bean
    String tidegateControllerMethods(ControllerMethodsCache methods) {
        methods.initClassMethod("com.alibaba.nacos.core.controller");
        methods.initClassMethod("com.alibaba.nacos.naming.controllers");
        methods.initClassMethod("com.alibaba.nacos.config.server.controller");
        return "controller methods registered";
    }
}
