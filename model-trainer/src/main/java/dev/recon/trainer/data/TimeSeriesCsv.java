package dev.recon.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a time-series CSV: a header, one timestamp column and one or more numeric columns.
 *
 * <p>NAB's {@code timestamp,value} files work as they are. The timestamp column is the one named
 * {@code timestamp}, {@code ts} or {@code time} (any case), else the first column. Timestamps may be
 * epoch milliseconds, ISO-8601 instants or offsets, or {@code yyyy-MM-dd HH:mm:ss[.fraction]};
 * times without an offset are read as UTC.
 */
public final class TimeSeriesCsv {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ofPattern("HH:mm[:ss]"))
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private TimeSeriesCsv() {}

    /** Reads every row of {@code file}; fails with the line and column of the first bad value. */
    public static TimeSeries read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty; expected a header such as 'timestamp,value'");
            }
            String[] names = split(stripBom(header));
            int tsColumn = timestampColumn(names);
            if (names.length < 2) {
                throw new IllegalArgumentException(file + ": header '" + header
                        + "' has no value column; expected a timestamp column and at least one numeric column");
            }
            List<String> channels = new ArrayList<>();
            for (int c = 0; c < names.length; c++) {
                if (c != tsColumn) {
                    channels.add(names[c].trim());
                }
            }
            List<long[]> timestamps = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            long[] tsChunk = null;
            int lineNo = 1;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (cells.length != names.length) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected "
                            + names.length + " columns as in the header, got " + cells.length);
                }
                double[] row = new double[channels.size()];
                for (int c = 0, k = 0; c < cells.length; c++) {
                    if (c == tsColumn) {
                        continue;
                    }
                    row[k++] = parseValue(cells[c], file, lineNo, names[c]);
                }
                int slot = rows.size() % 4096;
                if (slot == 0) {
                    tsChunk = new long[4096];
                    timestamps.add(tsChunk);
                }
                tsChunk[slot] = parseTimestamp(cells[tsColumn], file, lineNo, names[tsColumn]);
                rows.add(row);
                texts.add(cells[tsColumn]);
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(file + " has a header but no rows");
            }
            long[] ts = new long[rows.size()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = timestamps.get(i / 4096)[i % 4096];
            }
            return new TimeSeries(file.toString(), channels, ts, rows.toArray(double[][]::new),
                    texts.toArray(String[]::new));
        }
    }

    /** Parses one timestamp in any accepted form to epoch milliseconds. */
    public static long parseTimestamp(String text) {
        String s = text.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(s);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not an instant: try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // no offset
        }
        try {
            return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // maybe a bare date
        }
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static long parseTimestamp(String cell, Path file, int line, String column) {
        try {
            return parseTimestamp(cell);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + " column '" + column
                    + "': expected a timestamp (epoch ms, ISO-8601 or 'yyyy-MM-dd HH:mm:ss'), got '"
                    + cell + "'");
        }
    }

    private static double parseValue(String cell, Path file, int line, String column) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " line " + line + " column '" + column
                + "': expected a finite number, got '" + cell + "'");
    }

    private static int timestampColumn(String[] names) {
        for (int c = 0; c < names.length; c++) {
            String n = names[c].trim().toLowerCase(Locale.ROOT);
            if (n.equals("timestamp") || n.equals("ts") || n.equals("time")) {
                return c;
            }
        }
        return 0;
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].trim();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                cell = cell.substring(1, cell.length() - 1);
            }
            cells[i] = cell;
        }
        return cells;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
