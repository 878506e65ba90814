package cn.hangzhou.indicators.cli;

/** The environment variables of {@code bin/indicators} and the jobs, for every command's {@code --help} (and README). */
public final class LauncherHelp {

    public static final String ENVIRONMENT = """
            Environment variables:
              INDICATORS_JAVA_OPTS             JVM options, replacing the default -Xmx8g
              INDICATORS_SKIP_BUILD=1          run jobs/target/dist as it is: never build, never check its age
              INDICATORS_BUILD=1               build a missing or stale distribution even without a terminal
                                               (otherwise only interactive runs build; others exit 7)
              INDICATORS_PSEUDONYMISATION_KEY  the pseudonymisation key (else the profile's key file)
              INDICATORS_HOME                  the project folder with conf/ and schemas/ (set by the launcher)
              INDICATORS_STAGE_METRICS         a file stage and progress events are appended to (JSON lines)
              INDICATORS_SHARED                the shared/ folder of contract and definitions (tests only)
              JAVA_HOME                        the Java 17 to run (else java on the PATH)
              AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
                                               credentials for s3a:// landing and warehouse
              INDICATORS_S3_ENDPOINT           profile s3: the store's URL, e.g. http://127.0.0.1:9000 (required)
              INDICATORS_S3_ROOT               profile s3: bucket and prefix of landing/ and warehouse/
                                               (default s3a://hangzhou-indicators)
              INDICATORS_S3_REGION             profile s3: the region requests are signed for (default us-east-1)
            'bin/indicators build' builds the distribution. Scheduling, the lease, logs: docs/operations.md""";


    private LauncherHelp() {
    }
}
