package dev.recon.operators.parse;

import dev.recon.operators.metrics.DeadLetterCounter;
import dev.recon.operators.metrics.EventCounter;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.metrics.RecordsInCounter;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

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
public class ReadingParser extends ProcessFunction<RawInput, SensorReading> {

    private static final long serialVersionUID = 1L;

    /** The side output of rejected records (shared by every recon operator). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetter.OUTPUT_TAG;

    private final int maxPayloadBytes;

    private transient ReadingDecoder decoder;
    private transient RecordsInCounter recordsIn;
    private transient EventCounter parsed;
    private transient DeadLetterCounter deadLetters;

    /** A parser with the default payload size limit ({@value ReadingDecoder#DEFAULT_MAX_PAYLOAD_BYTES} bytes). */
    public ReadingParser() {
        this(ReadingDecoder.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A parser that dead-letters payloads larger than {@code maxPayloadBytes} without parsing them. */
    public ReadingParser(int maxPayloadBytes) {
        // Validate on the client, at graph-building time, not in a task.
        this.maxPayloadBytes = new ReadingDecoder(maxPayloadBytes).maxPayloadBytes();
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new ReadingDecoder(maxPayloadBytes);
        recordsIn = new RecordsInCounter(getRuntimeContext().getMetricGroup());
        parsed = EventCounter.register(getRuntimeContext(),
                ReconMetrics.READINGS_PARSED, ReconMetrics.READINGS_PARSED_ACCUMULATOR);
        deadLetters = DeadLetterCounter.register(getRuntimeContext());
    }

    @Override
    public void processElement(RawInput input, Context ctx, Collector<SensorReading> out) {
        recordsIn.inc(input.origin());
        SensorReading reading;
        try {
            reading = decoder.decode(input.payload(), input.origin());
        } catch (RecordRejectedException e) {
            reject(input, e.reason(), e.detail(), ctx);
            return;
        } catch (RuntimeException e) {
            // A bug in recon or a library must not fail the job over one record, nor lose it.
            reject(input, DeadLetterReason.PROCESSING_ERROR, "unexpected error while parsing: " + e, ctx);
            return;
        }
        parsed.inc();
        out.collect(reading);
    }

    private void reject(RawInput input, DeadLetterReason reason, String detail, Context ctx) {
        deadLetters.inc(reason);
        ctx.output(DEAD_LETTERS, DeadLetter.of(input, reason, detail));
    }
}
