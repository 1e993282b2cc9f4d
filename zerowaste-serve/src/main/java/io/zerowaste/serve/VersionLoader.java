package io.zerowaste.serve;

import java.nio.file.Path;

/** Loads and warms one model version from its folder, ready to answer; throws (with a one-line message) when it cannot. */
@FunctionalInterface
public interface VersionLoader {

    /** @param name the version's name, from its manifest or folder ({@link ModelDirectory}) */
    ServedVersion load(Path versionDir, String name, String parent) throws Exception;
}
