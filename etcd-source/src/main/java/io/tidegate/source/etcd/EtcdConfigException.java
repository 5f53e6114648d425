package io.tidegate.source.etcd;

/** A problem with what the operator configured (a file that cannot be read, a bad key); the message is final. */
final class EtcdConfigException extends Exception {

    EtcdConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
