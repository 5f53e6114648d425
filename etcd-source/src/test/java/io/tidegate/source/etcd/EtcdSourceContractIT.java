package io.tidegate.source.etcd;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSourceContract;
import io.tidegate.source.ConfigSources;
import io.tidegate.testing.etcd.EtcdProcess;
import java.nio.file.Files;

/**
 * The shared source contract against a real etcd: one etcd for the class, a fresh key prefix per
 * test, blobs written and deleted with the real {@code etcdctl}.
 */
class EtcdSourceContractIT extends ConfigSourceContract {

    private EtcdProcess etcd;
    private String prefix;
    private int sources;

    @Override
    protected void startBackend() throws Exception {
        etcd = EtcdProcess.start(Files.createTempDirectory("tidegate-etcd-contract-"));
    }

    @Override
    protected void stopBackend() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected ConfigSource newSource() {
        prefix = "/contract-" + (++sources) + "/";
        return ConfigSources.create("etcd://" + etcd.hostPort() + prefix);
    }

    @Override
    protected void write(String blob, String content) {
        etcd.put(prefix + blob, content);
    }

    @Override
    protected void delete(String blob) {
        etcd.delete(prefix + blob);
    }

    @Override
    protected String location(String blob) {
        return prefix + blob;
    }
}
