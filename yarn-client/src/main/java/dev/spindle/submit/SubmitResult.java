package dev.spindle.submit;

import dev.spindle.driver.ApplicationSummary;

/**
 * How a spindle-submit run ended.
 *
 * @param applicationId null when nothing was submitted
 * @param finalStatus   YARN's final status (SUCCEEDED, FAILED, KILLED, UNDEFINED), or null
 * @param summary       what the driver did, when it reported it
 */
public record SubmitResult(int exitCode, String applicationId, String finalStatus, String diagnostics,
                           ApplicationSummary summary) {
    public SubmitResult withExitCode(int code) {
        return new SubmitResult(code, applicationId, finalStatus, diagnostics, summary);
    }
}
