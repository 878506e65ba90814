package cn.hangzhou.indicators.cli;

/** The environment variables of {@code bin/indicators} and the jobs, for every command's {@code --help} (and README). */
public final class LauncherHelp {

    public static final String ENVIRONMENT = """
            Environment variables:
              INDICATORS_JAVA_OPTS             JVM options of the launcher, replacing the default -Xmx8g
              INDICATORS_SKIP_BUILD=1          run jobs/target/dist as it is: never build, never compare it with the sources
              INDICATORS_BUILD=1               build a missing or stale distribution even without a terminal (default:
                                               only interactive runs build; others exit 7 and name 'bin/indicators build')
              INDICATORS_PSEUDONYMISATION_KEY  the pseudonymisation key (else the profile's key file)
              INDICATORS_HOME                  the project folder with conf/ and schemas/ (the launcher sets it)
              INDICATORS_STAGE_METRICS         a file stage and progress events are appended to as JSON lines (bench)
              INDICATORS_SHARED                the shared/ folder of contract and definitions (tests only)
              JAVA_HOME                        the Java 17 the launcher runs (else java on the PATH)
              AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
                                               credentials for s3a:// landing and warehouse
            'bin/indicators build' builds the distribution; docs/operations.md has scheduling, the lease and the runbooks.""";

    private LauncherHelp() {
    }
}
