package dev.recon.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recorded series with a ground-truth anomaly flag per row, for measuring detection.
 *
 * <p>Labels come from a {@code label} or {@code is_anomaly} column of 0/1 flags in the data itself
 * ({@link #fromLabelColumn}), or from anomaly windows such as NAB's ({@link #fromWindows}). A scored
 * window counts as anomalous when its last reading is: the streaming job raises an event when that
 * reading arrives.
 *
 * @param series the readings, without any label column
 * @param anomalous one flag per row
 * @param labelSource where the flags came from, for reports
 */
public record LabelledSeries(TimeSeries series, boolean[] anomalous, String labelSource) {

    /** Names of the label column, compared ignoring case. */
    public static final List<String> LABEL_COLUMNS = List.of("label", "is_anomaly");

    /** Checks that there is one flag per row. */
    public LabelledSeries {
        if (anomalous.length != series.size()) {
            throw new IllegalArgumentException(anomalous.length + " labels for " + series.size() + " rows of "
                    + series.source());
        }
    }

    /** Whether {@code series} has a {@code label} or {@code is_anomaly} column. */
    public static boolean hasLabelColumn(TimeSeries series) {
        return series.channels().stream().anyMatch(c -> LABEL_COLUMNS.contains(c.toLowerCase(Locale.ROOT)));
    }

    /**
     * Splits the {@code label} (or {@code is_anomaly}) column off {@code series}.
     *
     * @throws IllegalArgumentException when there is no such column, both, a value other than 0 or
     *     1, or no other column
     */
    public static LabelledSeries fromLabelColumn(TimeSeries series) {
        List<String> channels = series.channels();
        List<Integer> labelColumns = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            if (LABEL_COLUMNS.contains(channels.get(c).toLowerCase(Locale.ROOT))) {
                labelColumns.add(c);
            }
        }
        if (labelColumns.isEmpty()) {
            throw new IllegalArgumentException(series.source() + " has no label column: expected a column named "
                    + String.join(" or ", LABEL_COLUMNS) + " with 0 (normal) or 1 (anomalous) per row, got columns "
                    + channels);
        }
        if (labelColumns.size() > 1) {
            throw new IllegalArgumentException(series.source() + " has more than one label column "
                    + labelColumns.stream().map(channels::get).toList() + "; keep one");
        }
        int label = labelColumns.get(0);
        if (channels.size() == 1) {
            throw new IllegalArgumentException(series.source() + " has only the label column '" + channels.get(label)
                    + "'; expected value columns too");
        }
        List<String> values = new ArrayList<>(channels);
        values.remove(label);
        double[][] rows = new double[series.size()][];
        boolean[] anomalous = new boolean[series.size()];
        for (int i = 0; i < rows.length; i++) {
            double[] row = series.rows()[i];
            double flag = row[label];
            if (flag != 0 && flag != 1) {
                throw new IllegalArgumentException(series.source() + " row " + (i + 1) + " (" + series.timestampTexts()[i]
                        + ") column '" + channels.get(label) + "': expected 0 or 1, got " + flag);
            }
            anomalous[i] = flag == 1;
            double[] kept = new double[values.size()];
            for (int c = 0, k = 0; c < row.length; c++) {
                if (c != label) {
                    kept[k++] = row[c];
                }
            }
            rows[i] = kept;
        }
        TimeSeries unlabelled = new TimeSeries(series.source(), values, series.timestamps(), rows,
                series.timestampTexts());
        return new LabelledSeries(unlabelled, anomalous, "column '" + channels.get(label) + "'");
    }

    /** Flags every row whose timestamp lies in one of {@code windows}. */
    public static LabelledSeries fromWindows(TimeSeries series, List<AnomalyWindow> windows, String labelSource) {
        boolean[] anomalous = new boolean[series.size()];
        long[] ts = series.timestamps();
        for (int i = 0; i < ts.length; i++) {
            for (AnomalyWindow w : windows) {
                if (w.contains(ts[i])) {
                    anomalous[i] = true;
                    break;
                }
            }
        }
        return new LabelledSeries(series, anomalous, labelSource);
    }

    /** Rows flagged anomalous. */
    public int anomalousRows() {
        int n = 0;
        for (boolean a : anomalous) {
            n += a ? 1 : 0;
        }
        return n;
    }
}
