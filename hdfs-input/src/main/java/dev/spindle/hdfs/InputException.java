package dev.spindle.hdfs;

import java.io.IOException;

/** The job's input cannot be read as given: said in one sentence for the user. */
public final class InputException extends IOException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }
}
