package cn.hangzhou.indicators.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The rows of several files one after the other, each file opened only when the previous one is exhausted. */
final class ChainedIterator<T, R> implements Iterator<R> {

    /** Opens the rows of one file. */
    @FunctionalInterface
    interface Opener<T, R> {
        Iterator<R> open(T file) throws IOException;
    }

    private final Iterator<T> files;
    private final Opener<T, R> opener;
    private Iterator<R> current = Collections.emptyIterator();

    ChainedIterator(List<T> files, Opener<T, R> opener) {
        this.files = files.iterator();
        this.opener = opener;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (!files.hasNext()) {
                return false;
            }
            try {
                current = opener.open(files.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
