package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;

/**
 * Which attempt of its application an ApplicationMaster is, and how many YARN makes. A failing attempt
 * that is not the last leaves the application registered so that YARN starts the next one.
 *
 * @param maxAttempts the attempts YARN makes of this application: Spindle's setting bounded by the
 *                    cluster's {@code yarn.resourcemanager.am.max-attempts}
 */
record AmAttempt(ApplicationAttemptId id, int maxAttempts) {
    AmAttempt {
        if (id == null) {
            throw new IllegalArgumentException("an attempt id is required");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, got " + maxAttempts);
        }
    }

    int number() {
        return id.getAttemptId();
    }

    boolean last() {
        return number() >= maxAttempts;
    }

    /**
     * The id of the {@code n}-th executor this attempt starts. A client-mode driver outlives attempts
     * and still knows the executors of earlier ones, so later attempts' ids carry the attempt number.
     */
    String executorId(int n) {
        return number() == 1 ? Integer.toString(n) : number() + "-" + n;
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
