package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command, {@code recon demo}, end to end on the bundled sample. */
class DemoCommandITCase {

    @Test
    void demoCatchesTheLabelledFailuresAndExitsCleanly() {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = ReconCli.run("demo", "--rate", "0", "--timeout", "180");
        } finally {
            System.setOut(old);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(status).isZero();
        assertThat(out)
                .contains("records in          4032")
                .contains("readings parsed     4032")
                .contains("windows scored      3969") // 4032 - 64 + 1 windows of stride 1
                .contains("dead letters        0")
                .contains("labelled windows    3 of 3 caught")
                .contains("ANOMALY ")
                .contains("INCIDENT OPEN")
                .containsPattern("incidents opened +[1-9]")
                .contains("== stopping the job and the broker");
        // every event the job counted was read back from Kafka
        String counted = out.replaceAll("(?s).*\\n   anomalies +(\\d+)\\n.*", "$1");
        assertThat(out).contains("anomaly events out  " + counted + " ");
    }
}
