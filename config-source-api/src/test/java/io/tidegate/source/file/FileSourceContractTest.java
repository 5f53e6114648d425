package io.tidegate.source.file;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.ConfigSourceContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared source contract, run against a temporary directory. Writes are plain (not atomic) on purpose. */
class FileSourceContractTest extends ConfigSourceContract {

    private final List<Path> directories = new ArrayList<>();
    private Path dir;

    @Override
    protected ConfigSource newSource() throws Exception {
        dir = Files.createTempDirectory("tidegate-contract");
        directories.add(dir);
        return new FileSource(dir);
    }

    @Override
    protected void write(String blob, String content) throws Exception {
        Files.writeString(dir.resolve(blob), content);
    }

    @Override
    protected void delete(String blob) throws Exception {
        Files.delete(dir.resolve(blob));
    }

    @Override
    protected void stopBackend() throws Exception {
        for (Path each : directories) {
            TempDirs.deleteRecursively(each);
        }
    }
}
