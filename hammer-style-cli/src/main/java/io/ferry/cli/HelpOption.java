package io.ferry.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for commands that have their own {@code --version} option (a content view version):
 * picocli's standard help mixin then drops both of its options, so {@code --help} would be unknown and the
 * required options would be demanded first.
 */
public class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
