package cn.hangzhou.indicators.cli;

/** The launcher's exit codes; documented in {@code --help} and README.md. */
public final class ExitCodes {

    /** The command did everything it was asked. */
    public static final int OK = 0;
    /** An unexpected failure (a bug or an environment problem); the log says what. */
    public static final int FAILURE = 1;
    /** The command line is wrong (unknown option, bad value). */
    public static final int USAGE = 2;
    /** The configuration (conf/, schemas/, the key) is wrong or missing. */
    public static final int CONFIGURATION = 3;
    /** The run finished, but some input was rejected (a file, a delivery): see the report. */
    public static final int INPUT_REJECTED = 4;
    /** Another run holds the warehouse's lease: this one did nothing and can be started again when that one ends. */
    public static final int LEASE_HELD = 5;
    /** {@code reproduce}: some recomputed value differs from the stored one. */
    public static final int VALUES_DIFFER = 6;
    /**
     * {@code bin/indicators} (the shell launcher, not Java): the distribution is missing or older than the sources and
     * the run has no terminal, so it neither builds nor runs.
     */
    public static final int DISTRIBUTION_STALE = 7;

    public static final String HELP_TEXT = """
            Exit codes:
              0  success
              1  unexpected failure (see the log)
              2  bad command line
              3  configuration error (conf/, schemas/, pseudonymisation key)
              4  finished, but some input was rejected (see the report); everything else was done
              5  not started: another run holds the warehouse's lease (the message names it; docs/operations.md)
              6  reproduce: some recomputed value differs from the stored one
              7  not started: the distribution is missing or older than the sources, and the run has no terminal
                 (the launcher does not build under a scheduler: run 'bin/indicators build')""";

    private ExitCodes() {
    }
}
