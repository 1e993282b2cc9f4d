package io.zerowaste.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version (from the build) and git commit (from the launcher, when known). */
public final class ProjectInfo {

    private ProjectInfo() {}

    public static String version() {
        try (InputStream in = ProjectInfo.class.getResourceAsStream("/zerowaste-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Set by the launcher with -Dzerowaste.git.commit; null when not run from a git checkout. */
    public static String gitCommit() {
        String c = System.getProperty("zerowaste.git.commit");
        return c == null || c.isBlank() ? null : c;
    }
}
