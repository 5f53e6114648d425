/** Facts about the Envoy executable shared by the launcher and the test fixtures (where to find it). */
package io.tidegate.xds.envoy;
