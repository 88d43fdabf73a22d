package dev.recon.trainer;

import dev.recon.model.bundle.FileDigest;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.Provenance;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.trainer.data.SensorSeries;
import dev.recon.trainer.data.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The windows a time-series model is fitted and calibrated on, cut from one or several sensors'
 * series, with the normalisation statistics that go into its bundle.
 *
 * <p>Every series is split in time order the same way ({@link DataSplit}): its training rows give
 * training windows, its validation rows validation windows. No window spans two series, nor the
 * training and validation rows of one, nor (resampled) a gap that breaks the grid. Statistics are
 * fitted on training rows only: pooled over every series ({@link NormalizationScope#SHARED}), or
 * each series' own ({@link NormalizationScope#PER_SENSOR}; the pooled ones are kept too, for sensors
 * the model was not fitted on). One series with shared statistics gives exactly the windows and
 * statistics of single-series training.
 */
public final class TrainingWindows {

    /**
     * What one series contributed.
     *
     * @param sensor the series as given, with its sensor id
     * @param rows the rows windowed (the series resampled onto the grid, when training on one)
     * @param split its rows for training and validation
     * @param normalizer the statistics its windows were z-scored with
     * @param trainWindows training windows cut from it
     * @param validationWindows validation windows cut from it
     */
    public record Part(SensorSeries sensor, TimeSeries rows, DataSplit split, ZScoreNormalizer normalizer,
            int trainWindows, int validationWindows) {}

    private final List<Part> parts;
    private final NormalizationSpec normalization;
    private final NormalizationScope scope;
    private final float[] train;
    private final float[] validation;
    private final int trainCount;
    private final int validationCount;

    private TrainingWindows(List<Part> parts, NormalizationSpec normalization, NormalizationScope scope,
            float[] train, float[] validation, int trainCount, int validationCount) {
        this.parts = List.copyOf(parts);
        this.normalization = normalization;
        this.scope = scope;
        this.train = train;
        this.validation = validation;
        this.trainCount = trainCount;
        this.validationCount = validationCount;
    }

    /**
     * Splits, normalises and windows {@code series} (stride 1).
     *
     * @param series one or more series with the same channels and distinct sensor ids
     * @param resampling the grid every series is put on first, or {@code null} to window the rows as they are
     * @throws IllegalArgumentException naming the series that does not fit
     */
    public static TrainingWindows cut(List<SensorSeries> series, int window, double trainFraction,
            double validationFraction, ResampleSpec resampling, NormalizationScope scope) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to train on");
        }
        checkSameChannels(series);
        boolean several = series.size() > 1;
        List<TimeSeries> rows = new ArrayList<>();
        List<IntPredicate> restarts = new ArrayList<>();
        List<DataSplit> splits = new ArrayList<>();
        List<double[]> pooledTrainingRows = new ArrayList<>();
        for (SensorSeries sensor : series) {
            TimeSeries s = sensor.series();
            IntPredicate restartsAt = i -> false;
            if (resampling != null) {
                GridSeries grid = GridSeries.resample(s.timestamps(), s.rows(), resampling);
                s = new TimeSeries(s.source(), s.channels(), grid.timestamps(), grid.rows(), null);
                restartsAt = grid::startsSegment;
            }
            DataSplit split;
            try {
                split = DataSplit.of(s.size(), window, trainFraction, validationFraction);
            } catch (IllegalArgumentException e) {
                throw several ? new IllegalArgumentException(name(sensor) + ": " + e.getMessage(), e) : e;
            }
            rows.add(s);
            restarts.add(restartsAt);
            splits.add(split);
            pooledTrainingRows.addAll(Arrays.asList(s.rows()).subList(0, split.trainRows()));
        }
        ZScoreNormalizer pooled = ZScoreNormalizer.fit(pooledTrainingRows.toArray(double[][]::new));

        int width = window * series.get(0).series().channels().size();
        List<Part> parts = new ArrayList<>();
        List<float[]> trainParts = new ArrayList<>();
        List<float[]> validationParts = new ArrayList<>();
        Map<String, ZScoreNormalizer> bySensor = new LinkedHashMap<>();
        for (int k = 0; k < series.size(); k++) {
            TimeSeries s = rows.get(k);
            DataSplit split = splits.get(k);
            ZScoreNormalizer normalizer = scope == NormalizationScope.PER_SENSOR
                    ? ZScoreNormalizer.fit(Arrays.copyOf(s.rows(), split.trainRows()))
                    : pooled;
            float[] trainWindows = windows(s, restarts.get(k), normalizer, window, 0, split.trainRows());
            float[] validationWindows = windows(s, restarts.get(k), normalizer, window, split.trainRows(),
                    split.fitRows());
            trainParts.add(trainWindows);
            validationParts.add(validationWindows);
            bySensor.put(series.get(k).sensorId(), normalizer);
            parts.add(new Part(series.get(k), s, split, normalizer, trainWindows.length / width,
                    validationWindows.length / width));
        }
        NormalizationSpec normalization = scope == NormalizationScope.PER_SENSOR
                ? NormalizationSpec.perSensor(pooled, bySensor)
                : NormalizationSpec.of(pooled);
        float[] train = concat(trainParts);
        float[] validation = concat(validationParts);
        return new TrainingWindows(parts, normalization, scope, train, validation, train.length / width,
                validation.length / width);
    }

    private static void checkSameChannels(List<SensorSeries> series) {
        Set<String> ids = new HashSet<>();
        SensorSeries first = series.get(0);
        for (SensorSeries s : series) {
            if (!ids.add(s.sensorId())) {
                throw new IllegalArgumentException("sensor id '" + s.sensorId() + "' is given to two series ("
                        + s.series().source() + " and another); each series needs its own");
            }
            if (!s.series().channels().equals(first.series().channels())) {
                throw new IllegalArgumentException(name(s) + " has channels " + s.series().channels() + " but "
                        + name(first) + " has " + first.series().channels()
                        + "; one model is fitted on series of the same channels, in the same order");
            }
        }
    }

    private static String name(SensorSeries s) {
        return "series " + s.series().source() + " (sensor '" + s.sensorId() + "')";
    }

    /**
     * Every window (stride 1) of rows {@code [from, to)}, normalised, flattened one after another;
     * none spans a row where {@code restartsAt} says the grid breaks.
     */
    private static float[] windows(TimeSeries series, IntPredicate restartsAt, ZScoreNormalizer normalizer,
            int window, int from, int to) {
        int channels = series.channels().size();
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(window, channels, 1);
        float[] out = new float[Math.max(0, to - from - window + 1) * window * channels];
        int offset = 0;
        for (int i = from; i < to; i++) {
            if (i > from && restartsAt.test(i)) {
                buffer = new SlidingWindowBuffer(window, channels, 1);
            }
            if (buffer.add(series.timestamps()[i], series.rows()[i])) {
                buffer.copyWindow(normalizer, out, offset);
                offset += window * channels;
            }
        }
        return offset == out.length ? out : Arrays.copyOf(out, offset);
    }

    private static float[] concat(List<float[]> arrays) {
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        float[] all = new float[arrays.stream().mapToInt(a -> a.length).sum()];
        int offset = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, offset, a.length);
            offset += a.length;
        }
        return all;
    }

    /** What each series contributed, in the order given. */
    public List<Part> parts() {
        return parts;
    }

    /** The statistics for the bundle. */
    public NormalizationSpec normalization() {
        return normalization;
    }

    /** How the series were normalised. */
    public NormalizationScope scope() {
        return scope;
    }

    /** Every training window, flattened one after another (the caller must not modify it). */
    public float[] train() {
        return train;
    }

    /** Every validation window, flattened one after another (the caller must not modify it). */
    public float[] validation() {
        return validation;
    }

    /** Number of training windows. */
    public int trainCount() {
        return trainCount;
    }

    /** Number of validation windows. */
    public int validationCount() {
        return validationCount;
    }

    /** What the threshold is calibrated on, for the manifest. */
    public String describeValidation() {
        if (parts.size() == 1) {
            DataSplit split = parts.get(0).split();
            return validationCount + " validation windows (rows " + split.trainRows() + " to "
                    + (split.fitRows() - 1) + ")";
        }
        return validationCount + " validation windows of " + parts.size() + " series ("
                + parts.stream().map(p -> p.sensor().sensorId() + ": rows " + p.split().trainRows() + " to "
                        + (p.split().fitRows() - 1)).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The training data for the bundle's provenance: the series' own for one series; for several, the
     * sources listed together, row and window counts summed, the earliest first and latest fitted
     * timestamp, and no single digest (see {@link #seriesProvenance}).
     */
    public Provenance.DataSource dataSource() throws IOException {
        if (parts.size() == 1) {
            Part p = parts.get(0);
            TimeSeries s = p.rows();
            DataSplit split = p.split();
            return new Provenance.DataSource(s.source(), digest(s.source()), s.size(), split.fitRows(),
                    split.trainRows(), split.validationRows(), p.trainWindows(), p.validationWindows(),
                    Instant.ofEpochMilli(s.timestamps()[0]).toString(),
                    Instant.ofEpochMilli(s.timestamps()[split.fitRows() - 1]).toString());
        }
        long first = Long.MAX_VALUE;
        long lastFit = Long.MIN_VALUE;
        int rows = 0;
        int fit = 0;
        int trainRows = 0;
        int validationRows = 0;
        for (Part p : parts) {
            first = Math.min(first, p.rows().timestamps()[0]);
            lastFit = Math.max(lastFit, p.rows().timestamps()[p.split().fitRows() - 1]);
            rows += p.rows().size();
            fit += p.split().fitRows();
            trainRows += p.split().trainRows();
            validationRows += p.split().validationRows();
        }
        String sources = parts.stream().map(p -> p.rows().source()).collect(Collectors.joining(", "));
        return new Provenance.DataSource(sources, null, rows, fit, trainRows, validationRows, trainCount,
                validationCount, Instant.ofEpochMilli(first).toString(), Instant.ofEpochMilli(lastFit).toString());
    }

    /** Per series: sensor id, source, its file's SHA-256, rows and windows of each part (for the provenance). */
    public List<Map<String, Object>> seriesProvenance() throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Part p : parts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sensorId", p.sensor().sensorId());
            entry.put("source", p.rows().source());
            FileDigest digest = digest(p.rows().source());
            if (digest != null) {
                entry.put("sha256", digest.sha256());
            }
            entry.put("rows", p.rows().size());
            entry.put("trainRows", p.split().trainRows());
            entry.put("validationRows", p.split().validationRows());
            entry.put("trainWindows", p.trainWindows());
            entry.put("validationWindows", p.validationWindows());
            list.add(entry);
        }
        return list;
    }

    private static FileDigest digest(String source) throws IOException {
        try {
            Path path = Path.of(source);
            return Files.isRegularFile(path) ? FileDigest.of(path) : null;
        } catch (InvalidPathException e) {
            return null; // a description such as "synthetic sine", not a file
        }
    }
}
