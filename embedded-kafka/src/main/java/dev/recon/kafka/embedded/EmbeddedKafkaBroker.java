package dev.recon.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real single-node Kafka broker (KRaft, combined broker and controller) that listens on 127.0.0.1 only. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The only address the broker listens on and advertises. */
    public static final String HOST = "127.0.0.1";

    /** The node id of the combined broker and controller. */
    public static final int NODE_ID = 1;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Free ports are picked by binding port 0 and releasing it; another process can take the port
     * before Kafka binds it, so a start that fails to bind is retried with fresh ports.
     */
    private static final int START_ATTEMPTS = 3;

    /** Properties that decide where the broker listens and stores data; they belong to this class. */
    private static final Set<String> RESERVED = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners", "controller.listener.names",
            "listener.security.protocol.map", "inter.broker.listener.name", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "log.dir", "log.dirs", "metadata.log.dir");

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Map<String, String> brokerConfig;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean ownsDataDir, int port,
                                int controllerPort, String clusterId, Map<String, String> brokerConfig,
                                Duration startupTime) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.brokerConfig = brokerConfig;
        this.startupTime = startupTime;
    }

    /** Starts a broker on free ports with a temporary data directory that {@link #close()} deletes. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /**
     * Starts a broker on free ports.
     *
     * @param dataDir          where Kafka keeps its logs, created if missing and kept on close; an already
     *                         formatted directory is reused as it is; {@code null} for a temporary one
     * @param brokerProperties extra broker settings, overriding this class's defaults (listeners, roles
     *                         and directories excepted)
     */
    public static EmbeddedKafkaBroker start(Path dataDir, Map<String, ?> brokerProperties) {
        return builder().dataDir(dataDir).brokerProperties(brokerProperties).start();
    }

    /** Returns a builder for a broker with a chosen data directory, port or extra settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code bootstrap.servers} value for clients, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The port of the PLAINTEXT (client) listener. */
    public int port() {
        return port;
    }

    /** The port of the CONTROLLER listener, used by KRaft only. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The cluster id the storage was formatted with. */
    public String clusterId() {
        return clusterId;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** How long the last (successful) start attempt took, from formatting to the first answered request. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The complete broker configuration this broker runs with, the defaults of this class plus the
     * caller's settings, in the form a {@code server.properties} for {@code kafka.Kafka} takes.
     */
    public Map<String, String> brokerConfig() {
        return brokerConfig;
    }

    /** Fresh client properties holding only {@code bootstrap.servers}; add serializers, group id and so on. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** Opens an admin client for this broker; the caller closes it. */
    public Admin createAdmin() {
        return Admin.create(clientProperties());
    }

    /** Creates the topics with one partition each and waits until every partition has a leader. */
    public void createTopics(Collection<String> names) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        names.forEach(name -> partitions.put(name, 1));
        createTopics(partitions);
    }

    /** Creates a topic with the given number of partitions and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions));
    }

    /**
     * Creates topics (name to partition count, replication factor 1) and waits until every partition has
     * a leader, so a producer started right after does not race the metadata. A topic that already exists
     * is left as it is, which makes a restart on a kept data directory harmless.
     */
    public void createTopics(Map<String, Integer> partitionsByName) {
        checkOpen();
        if (partitionsByName.isEmpty()) {
            return;
        }
        List<NewTopic> topics = partitionsByName.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .collect(Collectors.toList());
        long deadline = System.nanoTime() + DEFAULT_OPERATION_TIMEOUT.toNanos();
        try (Admin admin = createAdmin()) {
            CreateTopicsResult result = admin.createTopics(topics);
            for (Map.Entry<String, KafkaFuture<Void>> e : result.values().entrySet()) {
                try {
                    e.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new KafkaException("Could not create topic " + e.getKey(), ex.getCause());
                    }
                }
            }
            awaitLeaders(admin, partitionsByName.keySet(), deadline);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (TimeoutException e) {
            throw new KafkaException("Timed out creating topics " + partitionsByName.keySet(), e);
        }
    }

    private static void awaitLeaders(Admin admin, Set<String> names, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names).allTopicNames().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (ready && servesOffsets(admin, descriptions, deadline)) {
                    return;
                }
            } catch (ExecutionException e) {
                // The broker's metadata cache can lag the controller by a moment: ask again.
                LOG.debug("Topics {} not visible yet: {}", names, e.getCause().toString());
            }
            if (remainingMillis(deadline) <= 1) {
                throw new TimeoutException("Partitions of " + names + " have no leader yet");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Whether the leader answers ListOffsets for every partition. The metadata cache names a leader a
     * moment before the replica manager takes the partition over; a produce in that gap fails with
     * NOT_LEADER_OR_FOLLOWER (and can wedge an idempotent producer), a ListOffsets fails the same way,
     * so it tells when producers can start.
     */
    private static boolean servesOffsets(Admin admin, Map<String, TopicDescription> descriptions, long deadline)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> request.put(
                new TopicPartition(d.name(), p.partition()),
                OffsetSpec.latest())));
        try {
            admin.listOffsets(request).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            LOG.debug("Partitions not served yet: {}", e.getCause().toString());
            return false;
        }
    }

    /**
     * Shuts the broker down and waits for it; deletes the data directory if it was a temporary one.
     * Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            stopQuietly(server);
        } finally {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
        }
        LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Kafka broker " + bootstrapServers() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker{" + bootstrapServers() + ", dataDir=" + dataDir + "}";
    }

    // ------------------------------------------------------------------------------------------------
    // Starting

    private static EmbeddedKafkaBroker start(Builder b) {
        Path dir;
        boolean ownsDir = b.dataDir == null;
        try {
            dir = ownsDir ? Files.createTempDirectory("recon-kafka-") : Files.createDirectories(b.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory", e);
        }
        dir = dir.toAbsolutePath();
        try {
            if (b.port != 0) {
                // Retrying cannot free a port someone else holds: say so before formatting anything.
                checkBindable(b.port);
            }
            // Remember what was there, so a failed first start can undo its formatting and only that.
            Set<Path> preexisting = list(dir);
            boolean alreadyFormatted = preexisting.contains(dir.resolve(META_PROPERTIES));
            for (int attempt = 1; ; attempt++) {
                try {
                    return attempt(b, dir, ownsDir, alreadyFormatted);
                } catch (RuntimeException | Error e) {
                    if (!alreadyFormatted) {
                        for (Path created : list(dir)) {
                            if (!preexisting.contains(created)) {
                                deleteRecursively(created);
                            }
                        }
                    }
                    if (!isBindFailure(e)) {
                        throw e;
                    }
                    if (attempt == START_ATTEMPTS) {
                        throw new KafkaException("Kafka broker could not bind its ports in " + START_ATTEMPTS
                                + " attempts: " + rootMessage(e), e);
                    }
                    // Kafka has just logged the failure as fatal; it is not, we try again.
                    LOG.warn("Kafka broker could not bind its port ({}), retrying with fresh ports", rootMessage(e));
                }
            }
        } catch (RuntimeException | Error e) {
            if (ownsDir) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    private static EmbeddedKafkaBroker attempt(Builder b, Path dir, boolean ownsDir, boolean alreadyFormatted) {
        long started = System.nanoTime();
        int[] ports = freePorts(b.port);
        int port = ports[0];
        int controllerPort = ports[1];
        Map<String, String> config = brokerConfig(dir, port, controllerPort, b.brokerProperties);
        // doLog=false: the full config dump is hundreds of INFO lines per start.
        KafkaConfig kafkaConfig = new KafkaConfig(config, false);

        String clusterId = alreadyFormatted ? readClusterId(dir) : format(kafkaConfig, dir, controllerPort);

        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        try {
            server.startup();
            awaitAnswering(HOST + ":" + port, started + b.startTimeout.toNanos());
        } catch (RuntimeException | Error e) {
            stopQuietly(server);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka broker started on {}:{} (controller {}) in {} ms, data in {}",
                HOST, port, controllerPort, took.toMillis(), dir);
        return new EmbeddedKafkaBroker(server, dir, ownsDir, port, controllerPort, clusterId,
                Collections.unmodifiableMap(config), took);
    }

    /**
     * The broker settings. Everything that defaults to three replicas is set to one (a single broker
     * cannot host more), and internal topics get one partition because 50 empty partitions per topic
     * only slow down the first consumer group and the first transaction.
     */
    static Map<String, String> brokerConfig(Path dir, int port, int controllerPort, Map<String, String> extra) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        c.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("inter.broker.listener.name", BROKER_LISTENER);
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        // A dynamic quorum (no controller.quorum.voters) as "kafka-storage format --standalone" sets up.
        c.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        c.put("log.dirs", dir.toString());

        c.put("auto.create.topics.enable", "false");
        c.put("num.partitions", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("share.coordinator.state.topic.num.partitions", "1");
        // Nobody else will join: do not make the first consumer group wait 3 s for more members.
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("group.streams.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates this buffer up front (128 MiB by default) and compacted topics
        // here are tiny; the heap is better left to Flink and the models.
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));

        c.putAll(extra);
        return c;
    }

    /** Does what {@code kafka-storage format --standalone --cluster-id <random>} does with this config. */
    private static String format(KafkaConfig config, Path dir, int controllerPort) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setUnstableFeatureVersionsEnabled(Boolean.TRUE.equals(config.unstableFeatureVersionsEnabled()))
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(true)
                    .setInitialControllers(DynamicVoters.parse(
                            config.nodeId() + "@" + HOST + ":" + controllerPort + ":" + Uuid.randomUuid()))
                    .addDirectory(dir.toString())
                    .run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new KafkaException("Formatting Kafka storage in " + dir + " failed", e);
        }
        LOG.debug("Formatted {}: {}", dir, out.toString(StandardCharsets.UTF_8).trim());
        return clusterId;
    }

    private static String readClusterId(Path dir) {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(META_PROPERTIES))) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir.resolve(META_PROPERTIES), e);
        }
        return meta.getProperty("cluster.id");
    }

    /**
     * Waits until the broker answers a describeCluster with itself in it: KafkaRaftServer.startup
     * returns once the broker is unfenced, but clients only care whether requests are served.
     */
    private static void awaitAnswering(String bootstrap, long deadlineNanos) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (remainingMillis(deadlineNanos) > 1) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes()
                            .get(Math.min(remainingMillis(deadlineNanos), 10_000), TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
        throw new KafkaException("Kafka broker on " + bootstrap + " did not answer in time", last);
    }

    /** Two distinct free loopback ports (client, controller); a non-zero {@code fixedPort} is used as the first. */
    private static int[] freePorts(int fixedPort) {
        try {
            InetAddress loopback = InetAddress.getByName(HOST);
            // Both sockets are open at once, so the two ports differ.
            try (ServerSocket a = new ServerSocket(0, 1, loopback); ServerSocket b = new ServerSocket(0, 1, loopback)) {
                return new int[] {fixedPort != 0 ? fixedPort : a.getLocalPort(), b.getLocalPort()};
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    private static void checkBindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.getLocalPort();
        } catch (IOException e) {
            throw new KafkaException("Port " + port + " on " + HOST + " is not available: " + e.getMessage(), e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down the Kafka broker", e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static Set<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static void deleteRecursively(Path root) {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot list {} for deletion: {}", root, e.toString());
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", p, e.toString());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Configures and starts an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /**
         * Keeps logs in this directory (created if missing, kept on close, reused if already formatted)
         * instead of a temporary one; {@code null} means temporary.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The client listener's port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Sets one broker property, overriding the default; listeners, roles and directories are not settable. */
        public Builder brokerProperty(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException(key + " is managed by EmbeddedKafkaBroker and cannot be set");
            }
            brokerProperties.put(key, value.toString());
            return this;
        }

        /** Sets broker properties, as {@link #brokerProperty(String, Object)} does for each; {@code null} is none. */
        public Builder brokerProperties(Map<String, ?> properties) {
            if (properties != null) {
                properties.forEach(this::brokerProperty);
            }
            return this;
        }

        /** How long to wait for the broker to answer requests, per start attempt (default 60 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /** Formats the storage if needed, starts the broker and waits until it answers requests. */
        public EmbeddedKafkaBroker start() {
            return EmbeddedKafkaBroker.start(this);
        }
    }
}
