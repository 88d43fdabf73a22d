package dev.recon.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Settings} and {@link Setting}. */
class SettingsTest {

    private enum Mode { FAST_AND_LOOSE, CAREFUL }

    private static final Setting<String> HOST = Setting.required("server.host", "host", "Where to connect.",
            Setting::nonBlank);
    private static final Setting<Integer> THREADS = Setting.integer("server.threads", 2, 1, "Worker threads.");
    private static final Setting<Mode> MODE = Setting.choice("server.mode", Mode.class, Mode.CAREFUL, "How.");
    private static final Setting<String> NAME = Setting.derived("server.name", "string", "`<server.host>`",
            "Display name.", Setting::nonBlank);

    private static final Settings TABLE = Settings.withPassThrough(List.of(HOST, THREADS, MODE, NAME), "client.",
            "Handed to the client.");

    @TempDir
    Path tmp;

    @Test
    void appliesDefaultsAndParsesValues() {
        Settings.Values values = TABLE.parse(Map.of("server.host", " db1 ", "server.mode", "fast-and-loose"));
        assertThat(values.get(HOST)).isEqualTo("db1");
        assertThat(values.get(THREADS)).isEqualTo(2);
        assertThat(values.get(MODE)).isEqualTo(Mode.FAST_AND_LOOSE);
        assertThat(values.get(NAME)).isNull(); // derived: the caller resolves it
    }

    @Test
    void reportsEveryProblemWithItsKeyAndValue() {
        assertThatThrownBy(() -> TABLE.parse(Map.of("server.threads", "zero", "server.mode", "reckless")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("server.host: required but not set (Where to connect.)")
                .hasMessageContaining("server.threads = 'zero': expected an integer >= 1")
                .hasMessageContaining("server.mode = 'reckless': expected one of fast-and-loose, careful")
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .extracting(ConfigException.Problem::key)
                        .containsExactly("server.host", "server.threads", "server.mode"));
    }

    @Test
    void rejectsAValueBelowTheMinimum() {
        assertThatThrownBy(() -> TABLE.parse(Map.of("server.host", "h", "server.threads", "0")))
                .hasMessageContaining("server.threads = '0': expected an integer >= 1");
    }

    @Test
    void rejectsUnknownKeysAndSuggestsTheClosestOne() {
        assertThatThrownBy(() -> TABLE.parse(Map.of("server.host", "h", "server.thread", "4")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.thread = '4': unknown setting; did you mean 'server.threads'?")
                .hasMessageContaining("known settings: server.host, server.threads, server.mode, server.name, and client.*");
    }

    @Test
    void passesPrefixedKeysThroughWithoutThePrefix() {
        Settings.Values values = TABLE.parse(Map.of("server.host", "h", "client.security.protocol", "SSL"));
        assertThat(values.passThrough()).containsExactly(Map.entry("security.protocol", "SSL"));
    }

    @Test
    void readsArgumentsInBothFormsOverAPropertiesFile() throws Exception {
        Path file = tmp.resolve("a.properties");
        Files.writeString(file, "server.host = from-file\nserver.threads = 3\n");
        Map<String, String> raw = Settings.readArgs("--server.threads", "8", "--config", file.toString(),
                "--server.mode=careful");
        assertThat(raw).containsExactlyInAnyOrderEntriesOf(Map.of(
                "server.host", "from-file", "server.threads", "8", "server.mode", "careful"));
    }

    @Test
    void rejectsMalformedArguments() {
        assertThatThrownBy(() -> Settings.readArgs("server.host", "h"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.host: unexpected argument; expected --key value");
        assertThatThrownBy(() -> Settings.readArgs("--server.host"))
                .hasMessageContaining("server.host: no value after --server.host");
        assertThatThrownBy(() -> Settings.readArgs("--config", tmp.resolve("missing.properties").toString()))
                .hasMessageContaining("config = '")
                .hasMessageContaining("missing.properties': cannot read the properties file");
    }

    @Test
    void rendersHelpAndMarkdownWithEverySetting() {
        assertThat(TABLE.helpText()).contains("--server.host <host>", "required", "--server.threads <integer>",
                "default: 2", "--server.mode <fast-and-loose|careful>", "default: careful", "--client.<name> <value>");
        assertThat(TABLE.markdown()).contains("| `server.host` | host | **required** | Where to connect. |",
                "| `server.mode` | fast-and-loose\\|careful | `careful` | How. |",
                "| `server.name` | string | `<server.host>` | Display name. |", "| `client.*` |");
    }

    @Test
    void refusesAnInvalidDefaultWhenDeclared() {
        assertThatThrownBy(() -> Setting.withDefault("k", "integer", "x", "d", Integer::parseInt))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("k = 'x'");
    }
}
