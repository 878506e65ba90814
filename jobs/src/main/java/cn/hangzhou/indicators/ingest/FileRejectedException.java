package cn.hangzhou.indicators.ingest;

/** A whole file cannot be ingested; the message says why, in words an operator can act on. */
public class FileRejectedException extends Exception {

    public FileRejectedException(String reason) {
        super(reason);
    }
}
