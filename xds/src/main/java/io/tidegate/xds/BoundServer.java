package io.tidegate.xds;

import io.tidegate.translator.model.Gateway;
import io.tidegate.translator.model.Server;

/** A gateway server this proxy group serves, with the Gateway it belongs to (for its ref and namespace). */
record BoundServer(Gateway gateway, Server server) {
}
