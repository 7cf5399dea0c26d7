package io.harbormaster.systemtests.torture;

/**
 * One execution the harness had accepted, and what it must end as.
 *
 * @param expectedExit the code its program exits with (batches); null for services, which never end
 */
record Submitted(String id, String engine, boolean service, String shape, Integer expectedExit) {

    boolean dockerBatch() {
        return "docker".equals(engine) && !service;
    }
}
