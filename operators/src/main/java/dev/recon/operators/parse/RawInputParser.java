package dev.recon.operators.parse;

import dev.recon.operators.metrics.DeadLetterCounter;
import dev.recon.operators.metrics.EventCounter;
import dev.recon.operators.metrics.RecordsInCounter;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.RecordRejectedException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Base of the operators that turn raw input records into typed ones (readings, images): zero or one
 * output per record, and every record that cannot be used goes to the {@link #DEAD_LETTERS} side
 * output, unchanged, with a reason and a detail message; bad input never throws, so one bad producer
 * cannot fail the job. Counts records in, records accepted and dead letters by reason.
 *
 * @param <T> the typed record
 */
public abstract class RawInputParser<T> extends ProcessFunction<RawInput, T> {

    private static final long serialVersionUID = 1L;

    /** The side output of rejected records (shared by every recon operator). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetter.OUTPUT_TAG;

    private final String acceptedMetric;
    private final String acceptedAccumulator;
    private final String activity;

    private transient RecordsInCounter recordsIn;
    private transient EventCounter accepted;
    private transient DeadLetterCounter deadLetters;

    /**
     * A parser counting accepted records as {@code acceptedMetric} and {@code acceptedAccumulator}.
     *
     * @param activity what decoding is called in the detail of an unexpected error ("parsing")
     */
    protected RawInputParser(String acceptedMetric, String acceptedAccumulator, String activity) {
        this.acceptedMetric = acceptedMetric;
        this.acceptedAccumulator = acceptedAccumulator;
        this.activity = activity;
    }

    /** Creates this task's decoder (called from {@link #open}). */
    protected abstract void openDecoder();

    /**
     * Decodes one payload.
     *
     * @throws RecordRejectedException if the record cannot be used, with the reason
     */
    protected abstract T decode(byte[] payload, String origin) throws RecordRejectedException;

    @Override
    public void open(OpenContext openContext) {
        openDecoder();
        recordsIn = new RecordsInCounter(getRuntimeContext().getMetricGroup());
        accepted = EventCounter.register(getRuntimeContext(), acceptedMetric, acceptedAccumulator);
        deadLetters = DeadLetterCounter.register(getRuntimeContext());
    }

    @Override
    public void processElement(RawInput input, Context ctx, Collector<T> out) {
        recordsIn.inc(input.origin());
        T record;
        try {
            record = decode(input.payload(), input.origin());
        } catch (RecordRejectedException e) {
            reject(input, e.reason(), e.detail(), ctx);
            return;
        } catch (RuntimeException e) {
            // A bug in recon or a library must not fail the job over one record, nor lose it.
            reject(input, DeadLetterReason.PROCESSING_ERROR, "unexpected error while " + activity + ": " + e, ctx);
            return;
        }
        accepted.inc();
        out.collect(record);
    }

    private void reject(RawInput input, DeadLetterReason reason, String detail, Context ctx) {
        deadLetters.inc(reason);
        ctx.output(DEAD_LETTERS, DeadLetter.of(input, reason, detail));
    }
}
