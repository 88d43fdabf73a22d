package dev.recon.trainer.offline;

/**
 * How a series' alarms (rows whose anomaly score reaches the alarm level, {@link ScoredSeriesCsv#anomalyScores})
 * meet its labelled episodes (runs of anomalous rows): what a person paged on them would see.
 *
 * @param episodes labelled episodes: maximal runs of anomalous rows
 * @param caughtEpisodes episodes with at least one alarm on one of their rows
 * @param alarms rows that alarm
 * @param alarmsOutside alarms on rows labelled normal
 */
public record AlarmEvaluation(int episodes, int caughtEpisodes, int alarms, int alarmsOutside) {

    /**
     * Evaluates the alarms of {@code anomalyScores} at {@code level} against the row labels
     * {@code anomalous} (the same length).
     */
    public static AlarmEvaluation of(double[] anomalyScores, double level, boolean[] anomalous) {
        if (anomalyScores.length != anomalous.length) {
            throw new IllegalArgumentException("anomaly scores of " + anomalyScores.length + " rows but labels of "
                    + anomalous.length + " rows");
        }
        int episodes = 0;
        int caught = 0;
        int alarms = 0;
        int outside = 0;
        boolean caughtThis = false;
        for (int i = 0; i < anomalous.length; i++) {
            boolean alarm = anomalyScores[i] >= level;
            alarms += alarm ? 1 : 0;
            if (!anomalous[i]) {
                outside += alarm ? 1 : 0;
                continue;
            }
            if (i == 0 || !anomalous[i - 1]) {
                episodes++;
                caughtThis = false;
            }
            if (alarm && !caughtThis) {
                caught++;
                caughtThis = true;
            }
        }
        return new AlarmEvaluation(episodes, caught, alarms, outside);
    }
}
