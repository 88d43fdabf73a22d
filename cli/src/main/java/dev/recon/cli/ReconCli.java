package dev.recon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code recon} command line. */
@Command(
        name = "recon",
        mixinStandardHelpOptions = true,
        versionProvider = ReconCli.Version.class,
        description = "Streaming anomaly detection with autoencoders on Kafka and Flink.",
        subcommands = {TrainCommand.class, ScoreCommand.class, EvaluateCommand.class, ProduceCommand.class, RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class ReconCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        DjlDefaults.apply();
        CommandLine cli = new CommandLine(new ReconCli()).setExecutionExceptionHandler(new UserErrorHandler());
        // The job's settings table is the single source of truth for its help text.
        cli.getSubcommands().get("run").getCommandSpec().usageMessage()
                .footer(dev.recon.jobs.TimeSeriesJobConfig.helpText());
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"recon " + dev.recon.trainer.ReconVersion.get()};
        }
    }
}
