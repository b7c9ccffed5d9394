package dev.spindle.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskRunnerTest {
    @Test
    void aResultTooLargeForOneMessageGetsASentenceBeforeItIsSent() {
        assertNull(TaskRunner.tooLargeToSend(100, 100));
        String why = TaskRunner.tooLargeToSend(101, 100);
        assertTrue(why.contains("101 bytes") && why.contains("more than the 100 one message can carry"), why);
        assertTrue(TaskRunner.RESULT_LIMIT < dev.spindle.protocol.Transport.MAX_FRAME_BYTES);
    }
}
