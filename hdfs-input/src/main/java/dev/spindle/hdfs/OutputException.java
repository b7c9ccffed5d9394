package dev.spindle.hdfs;

import java.io.IOException;

/** The job's output cannot be written as asked: said in one sentence for the user. */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }
}
