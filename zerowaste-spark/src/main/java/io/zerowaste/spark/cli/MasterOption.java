package io.zerowaste.spark.cli;

import picocli.CommandLine.Option;

/** {@code --master}: where the job runs. */
final class MasterOption {

    @Option(names = "--master", paramLabel = "URL",
            description = "local[N] | local[*] | spark://HOST:PORT | yarn | k8s://… (default: the one spark-submit set, else local[*]).")
    String master;
}
