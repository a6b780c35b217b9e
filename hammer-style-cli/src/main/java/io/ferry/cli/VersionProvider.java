package io.ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code ferry --version}: the CLI version stamped in at build time. */
public class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/ferry-cli.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"ferry " + p.getProperty("version", "unknown"), "Java " + System.getProperty("java.version")};
    }
}
