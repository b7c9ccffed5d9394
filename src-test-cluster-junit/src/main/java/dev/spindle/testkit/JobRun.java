package dev.spindle.testkit;

/**
 * How a job submitted with {@link SpindleJob} ended.
 *
 * @param exitCode      spindle-submit's exit code (0 only when the application succeeded)
 * @param applicationId YARN's id, or null when nothing was submitted
 * @param finalStatus   SUCCEEDED, FAILED, KILLED or UNDEFINED; null when nothing was submitted
 * @param diagnostics   why it failed, as spindle-submit reports it
 * @param driverOutput  what the job's main printed (the submitting JVM's in client mode, the ApplicationMaster
 *                      container's stdout in cluster mode)
 * @param output        spindle-submit's own output
 * @param errors        spindle-submit's error output
 */
public record JobRun(int exitCode, String applicationId, String finalStatus, String diagnostics, String driverOutput,
                     String output, String errors) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
