package dev.recon.operators.parse;

import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;

/**
 * Parses raw {@code sensor-readings} records into {@link SensorReading}s; every record it cannot
 * use goes to the {@link #DEAD_LETTERS} side output, unchanged, with a reason and a detail message.
 *
 * <p>It emits zero or one reading per record and never throws on bad input, so one bad producer
 * cannot fail the job. The rules are {@link ReadingDecoder}'s.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<SensorReading> readings = raw.process(new ReadingParser(1 << 20));
 * DataStream<DeadLetter> rejected = readings.getSideOutput(ReadingParser.DEAD_LETTERS);
 * }</pre>
 */
public class ReadingParser extends RawInputParser<SensorReading> {

    private static final long serialVersionUID = 1L;

    private final int maxPayloadBytes;

    private transient ReadingDecoder decoder;

    /** A parser with the default payload size limit ({@value ReadingDecoder#DEFAULT_MAX_PAYLOAD_BYTES} bytes). */
    public ReadingParser() {
        this(ReadingDecoder.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A parser that dead-letters payloads larger than {@code maxPayloadBytes} without parsing them. */
    public ReadingParser(int maxPayloadBytes) {
        super(ReconMetrics.READINGS_PARSED, ReconMetrics.READINGS_PARSED_ACCUMULATOR, "parsing");
        // Validate on the client, at graph-building time, not in a task.
        this.maxPayloadBytes = new ReadingDecoder(maxPayloadBytes).maxPayloadBytes();
    }

    @Override
    protected void openDecoder() {
        decoder = new ReadingDecoder(maxPayloadBytes);
    }

    @Override
    protected SensorReading decode(byte[] payload, String origin) throws RecordRejectedException {
        return decoder.decode(payload, origin);
    }
}
