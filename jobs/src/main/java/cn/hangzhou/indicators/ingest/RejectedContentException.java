package cn.hangzhou.indicators.ingest;

import java.io.IOException;

/** Raised while streaming a file's content when the content itself (not the storage) makes the file unreadable. */
final class RejectedContentException extends IOException {

    RejectedContentException(String reason) {
        super(reason);
    }
}
