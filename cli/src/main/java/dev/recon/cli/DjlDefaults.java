package dev.recon.cli;

/**
 * DJL settings every recon JVM needs, applied before the engine starts unless the user set them.
 *
 * <p>Offline, because the engine otherwise tries to reach the network at start-up even with the
 * native library on the classpath; one intra-op thread, because parallelism comes from Flink
 * subtasks and small batches are several times slower with more threads.
 */
final class DjlDefaults {

    private DjlDefaults() {}

    static void apply() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
