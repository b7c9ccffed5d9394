package dev.spindle.hdfs;

import java.io.IOException;

/** The job's output cannot be written as asked: said in one sentence for the user. */
public final class OutputException extends IOException {
    public OutputException(String message) {
        super(message);
    }
}
