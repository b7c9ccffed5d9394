package dev.spindle.hdfs;

import java.io.IOException;

/** The job's input cannot be read as given: said in one sentence for the user. */
public final class InputException extends IOException {
    public InputException(String message) {
        super(message);
    }
}
