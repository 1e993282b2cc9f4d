package io.zerowaste.cli;

import io.zerowaste.core.provenance.ProjectInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code zerowaste --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"zerowaste " + ProjectInfo.version()};
    }
}
