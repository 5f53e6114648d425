/**
 * The process lifecycle shared by the test-server fixtures that run a real server in a child JVM
 * (nacos-server's {@code NacosServerProcess}, eureka-server's {@code EurekaServerProcess}):
 * {@link io.tidegate.childjvm.ChildJvm} starts the process with its output in a log file, kills it
 * if this JVM exits first, and stops it gracefully; {@link io.tidegate.childjvm.ChildJvm#classpath}
 * builds the child's classpath from a file the fixture's build resolved; {@link
 * io.tidegate.childjvm.LoopbackPorts} finds ports for it. What to run, how to configure it and when
 * it is ready stay with each fixture.
 */
package io.tidegate.childjvm;
