package io.tidegate.translator.kube;

/** A port of an Endpoints subset or of an EndpointSlice: both kinds share this shape. */
public record EndpointPort(String name, Integer port, String protocol, String appProtocol) {

    /** The port name as Kubernetes compares it: unnamed is the empty name. */
    public String nameOrEmpty() {
        return name == null ? "" : name;
    }
}
