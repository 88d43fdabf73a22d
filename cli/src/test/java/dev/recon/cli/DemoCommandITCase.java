package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command, {@code recon demo}, end to end on the bundled sample. */
class DemoCommandITCase {

    @Test
    void demoCatchesTheLabelledFailuresWithFewAlarmsAndExitsCleanly() {
        String out = demo("--rate", "0", "--timeout", "180");
        long overThreshold = counter(out, "over threshold");
        long alarms = counter(out, "alarms");
        assertThat(out)
                .contains("records in          4032")
                .contains("readings parsed     4032")
                // the default window 128 does not fit the 121 validation rows: 4032 - 121 + 1 windows of stride 1
                .contains("window 128 shortened to 121")
                .contains("windows scored      3912")
                .contains("dead letters        0")
                .contains("labelled windows    3 of 3 caught")
                .contains("ANOMALY ")
                .contains("INCIDENT OPEN")
                .containsPattern("incidents opened +[1-9]")
                .containsPattern("onset [0-9.]+ x likelihood [0-9.]+: anomaly score 0\\.[0-9]+")
                .contains("== stopping the job and the broker");
        // every alarm was an event read back from Kafka, and far fewer than the windows over the threshold
        assertThat(out).contains("anomaly events out  " + alarms + " ");
        assertThat(alarms).isPositive().isLessThan(overThreshold / 5);
        long outside = Long.parseLong(out.replaceAll("(?s).*\\n   alarms outside +(\\d+) of .*", "$1"));
        assertThat(outside).as("alarms outside the labelled windows (24 with the threshold rule)").isLessThan(24);
    }

    @Test
    void theThresholdRuleMakesAnEventOfEveryWindowOverTheThreshold() {
        String out = demo("--rate", "0", "--timeout", "180", "--alarm", "threshold");
        assertThat(out)
                .contains("windows scored      3912")
                .contains("labelled windows    3 of 3 caught")
                .contains("== stopping the job and the broker");
        assertThat(out).contains("anomaly events out  " + counter(out, "over threshold") + " ");
    }

    private static String demo(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "demo";
            System.arraycopy(args, 0, all, 1, args.length);
            status = ReconCli.run(all);
        } finally {
            System.setOut(old);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(status).isZero();
        return out;
    }

    /** A counter of the summary ({@code "   name   123"}). */
    private static long counter(String out, String name) {
        return Long.parseLong(out.replaceAll("(?s).*\\n   " + name + " +(\\d+)\\n.*", "$1"));
    }
}
