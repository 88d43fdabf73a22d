package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the build packs for a Flink cluster: the job jar (recon, the Kafka connector and client; no
 * Flink runtime, no DJL) and the lib/ folders (DJL with libtorch apart from Flink's runtime). An
 * integration test because it reads what the package phase wrote.
 */
class ClusterJarsITCase {

    private static final Path TARGET = RepositoryFiles.root().resolve("deploy/target");

    @Test
    void theJobJarHoldsReconAndKafkaButNeitherFlinkNorDjl() throws IOException {
        try (JarFile jar = new JarFile(TARGET.resolve("job/recon-jobs-job.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.recon.jobs.TimeSeriesJob");
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains(
                    "dev/recon/jobs/TimeSeriesJob.class",
                    "dev/recon/jobs/TimeSeriesJobConfig.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/connector/base/DeliveryGuarantee.class",
                    "org/apache/kafka/clients/producer/KafkaProducer.class",
                    "com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(names).filteredOn(n -> n.startsWith("dev/recon/operators/")).isNotEmpty();
            assertThat(names).filteredOn(n -> n.startsWith("dev/recon/model/")).isNotEmpty();
            assertThat(names).as("Flink runtime classes in the job jar")
                    .noneMatch(n -> n.startsWith("org/apache/flink/runtime/")
                            || n.startsWith("org/apache/flink/streaming/api/")
                            || n.startsWith("org/apache/flink/api/common/")
                            || n.startsWith("org/apache/flink/client/"));
            assertThat(names).as("DJL or libtorch in the job jar")
                    .noneMatch(n -> n.startsWith("ai/djl/") || n.startsWith("pytorch/") || n.startsWith("com/sun/jna/")
                            || n.contains("libtorch"));
            assertThat(names).as("recon's metric types and reporter in the job jar (they come from lib/)")
                    .noneMatch(n -> n.startsWith("dev/recon/metrics/"));
            assertThat(names).as("logging in the job jar")
                    .noneMatch(n -> n.startsWith("org/slf4j/") || n.startsWith("org/apache/logging/log4j/"));
        }
    }

    @Test
    void theDjlFolderHoldsDjlWithTheCpuLibtorchAndNothingOfFlink() throws IOException {
        // artifact names without versions: the parent pom pins those
        assertThat(jarNames(TARGET.resolve("djl-lib")).stream().map(n -> n.replaceFirst("-[0-9].*", "")))
                .containsExactlyInAnyOrder("api", "pytorch-engine", "pytorch-jni", "pytorch-native-cpu", "gson", "jna");
        assertThat(jarNames(TARGET.resolve("djl-lib"))).anyMatch(n -> n.endsWith("-linux-x86_64.jar"));
    }

    @Test
    void theFlinkFolderHoldsTheRuntimeWithRestSubmissionAndNoDjl() throws IOException {
        List<String> jars = jarNames(TARGET.resolve("flink-lib"));
        assertThat(jars.stream().map(n -> n.replaceFirst("-[0-9].*", ""))).contains("flink-runtime",
                "flink-runtime-web", "flink-streaming-java", "flink-clients", "log4j-slf4j2-impl");
        assertThat(jars).noneMatch(j -> j.startsWith("api-") || j.startsWith("pytorch-") || j.startsWith("recon-"));
    }

    @Test
    void theReporterFolderHoldsReconsPrometheusReporterAndItsServiceEntry() throws IOException {
        assertThat(jarNames(TARGET.resolve("reporter-lib"))).containsExactly("recon-metrics.jar");
        try (JarFile jar = new JarFile(TARGET.resolve("reporter-lib/recon-metrics.jar").toFile())) {
            assertThat(jar.getEntry("dev/recon/metrics/prometheus/PrometheusReporterFactory.class")).isNotNull();
            String service = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.flink.metrics.reporter.MetricReporterFactory")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(service.strip()).isEqualTo("dev.recon.metrics.prometheus.PrometheusReporterFactory");
        }
    }

    private static List<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }
}
