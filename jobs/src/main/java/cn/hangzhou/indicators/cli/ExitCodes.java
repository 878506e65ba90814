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
    /** {@code reproduce}: some recomputed value differs from the stored one (the same code as {@link #INPUT_REJECTED}). */
    public static final int VALUES_DIFFER = 4;

    public static final String HELP_TEXT = """
            Exit codes:
              0  success
              1  unexpected failure (see the log)
              2  bad command line
              3  configuration error (conf/, schemas/, pseudonymisation key)
              4  finished, but some input was rejected (see the report); everything else was done;
                 reproduce: some recomputed value differs from the stored one""";

    private ExitCodes() {
    }
}
