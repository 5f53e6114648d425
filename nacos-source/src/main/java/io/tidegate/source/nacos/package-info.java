/**
 * The {@code nacos://} config source: {@link io.tidegate.source.nacos.NacosSource} (lifecycle),
 * {@link io.tidegate.source.nacos.ConfigWatch} (listeners, layouts), settings and credentials.
 */
package io.tidegate.source.nacos;
