package dev.recon.bench.memory;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory of this JVM's process at one moment, in bytes.
 *
 * @param seconds when, in seconds since the run started
 * @param heapUsed heap in use right after a full collection: what is still reachable
 * @param heapCommitted heap reserved from the operating system, resident once touched
 * @param nonHeapUsed metaspace, code cache and the other non-heap pools
 * @param directUsed direct byte buffers ({@code BufferPoolMXBean} "direct")
 * @param residentBytes the process's resident set ({@code VmRSS} in {@code /proc/self/status}):
 *     everything native too, libtorch's allocations included; -1 where the file does not exist
 */
public record MemorySample(double seconds, long heapUsed, long heapCommitted, long nonHeapUsed, long directUsed,
        long residentBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /**
     * Collects garbage ({@link MemoryMXBean#gc()}, a full collection), then reads every figure.
     *
     * @param seconds the time to record
     */
    public static MemorySample take(double seconds) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return new MemorySample(seconds, heap.getUsed(), heap.getCommitted(), memory.getNonHeapMemoryUsage().getUsed(),
                direct, residentBytes(STATUS));
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} file in bytes, or -1 where it cannot be read. */
    static long residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    if (parts.length != 2 || !parts[1].equals("kB")) {
                        throw new IllegalStateException("unexpected VmRSS line in " + status + ": '" + line + "'");
                    }
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // not Linux
        }
    }
}
