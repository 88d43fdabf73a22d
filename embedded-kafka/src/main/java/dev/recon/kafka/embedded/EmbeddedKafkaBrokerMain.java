package dev.recon.kafka.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} as a process of its own: prints {@code bootstrap=127.0.0.1:PORT}
 * on standard output once the broker answers, then runs until killed.
 *
 * <pre>
 * EmbeddedKafkaBrokerMain [--data-dir DIR] [--port N] [--topic NAME[:PARTITIONS]]... [--property KEY=VALUE]...
 * </pre>
 */
public final class EmbeddedKafkaBrokerMain {

    private static final String USAGE = "usage: EmbeddedKafkaBrokerMain [--data-dir DIR] [--port N (0 = free)]"
            + " [--topic NAME[:PARTITIONS]]... [--property KEY=VALUE]...";

    private EmbeddedKafkaBrokerMain() {
    }

    /** Starts the broker, prints the bootstrap line and blocks until the JVM is told to stop. */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(USAGE);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.builder()
                    .dataDir(options.dataDir)
                    .port(options.port)
                    .brokerProperties(options.properties)
                    .start();
            // SIGTERM/SIGINT run the hooks: close the broker so its logs are flushed and a temporary
            // data directory does not outlive the process.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } finally {
                    stopped.countDown();
                }
            }, "embedded-kafka-shutdown"));

            broker.createTopics(options.topics);
        } catch (RuntimeException e) {
            // Exit explicitly: Kafka's non-daemon threads would otherwise keep a half-started process alive.
            e.printStackTrace();
            System.exit(1);
            return;
        }

        // Scripts wait for this exact line, so it is the only thing this class writes to stdout
        // and it comes after the topics exist.
        PrintStream out = System.out;
        out.println("bootstrap=" + broker.bootstrapServers());
        out.flush();

        stopped.await();
    }

    /** Parsed command line. */
    static final class Options {
        Path dataDir;
        int port;
        boolean help;
        final Map<String, Integer> topics = new LinkedHashMap<>();
        final Map<String, String> properties = new LinkedHashMap<>();

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--data-dir":
                        o.dataDir = Path.of(value(args, ++i, arg));
                        break;
                    case "--port":
                        o.port = parsePort(value(args, ++i, arg));
                        break;
                    case "--topic":
                        addTopic(o.topics, value(args, ++i, arg));
                        break;
                    case "--property":
                        String kv = value(args, ++i, arg);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--property needs KEY=VALUE, got: " + kv);
                        }
                        o.properties.put(kv.substring(0, eq), kv.substring(eq + 1));
                        break;
                    case "-h":
                    case "--help":
                        o.help = true;
                        break;
                    default:
                        throw new IllegalArgumentException("Unknown argument: " + arg);
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String s) {
            try {
                int port = Integer.parseInt(s);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("--port out of range: " + s);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number, got: " + s, e);
            }
        }

        private static void addTopic(Map<String, Integer> topics, String spec) {
            int colon = spec.lastIndexOf(':');
            if (colon < 0) {
                topics.put(spec, 1);
                return;
            }
            try {
                int partitions = Integer.parseInt(spec.substring(colon + 1));
                if (partitions < 1 || colon == 0) {
                    throw new NumberFormatException();
                }
                topics.put(spec.substring(0, colon), partitions);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--topic needs NAME or NAME:PARTITIONS, got: " + spec, e);
            }
        }
    }
}
