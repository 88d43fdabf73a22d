package dev.recon.trainer.offline;

import dev.recon.trainer.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/** Reorders a series' columns into the channel order a model expects. */
public final class ChannelAlignment {

    private ChannelAlignment() {}

    /**
     * The rows of {@code series} with columns in {@code modelChannels} order.
     *
     * <p>A one-channel model accepts any one-column series (NAB files call the column
     * {@code value}, a user's may not); otherwise the names must match exactly.
     */
    public static double[][] align(TimeSeries series, List<String> modelChannels) {
        List<String> have = series.channels();
        if (modelChannels.size() == 1 && have.size() == 1) {
            return series.rows();
        }
        List<String> missing = new ArrayList<>(modelChannels);
        missing.removeAll(have);
        List<String> extra = new ArrayList<>(have);
        extra.removeAll(modelChannels);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException(series.source() + " has columns " + have
                    + " but the model expects channels " + modelChannels
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
        int[] index = new int[modelChannels.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = have.indexOf(modelChannels.get(c));
        }
        double[][] rows = new double[series.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = new double[index.length];
            for (int c = 0; c < index.length; c++) {
                row[c] = series.rows()[i][index[c]];
            }
            rows[i] = row;
        }
        return rows;
    }
}
