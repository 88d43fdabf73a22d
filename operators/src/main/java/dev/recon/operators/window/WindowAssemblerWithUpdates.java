package dev.recon.operators.window;

import dev.recon.operators.types.ModelAnnouncement;
import dev.recon.operators.types.ScorerInput;
import dev.recon.operators.types.SensorReading;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs a {@link WindowAssembler} on the keyed readings (its first input) and passes the
 * {@code model-updates} announcements of its second, broadcast input on unchanged, as
 * {@link ModelAnnouncement}s in order with the windows.
 *
 * <p>So the scorer after it ({@link dev.recon.operators.scoring.MicroBatchScorer}) has a single input
 * and Flink chains the two: windows reach the scorer as objects, without a serializer or a network
 * buffer between them, and a model swap still happens between two windows. Watermarks come from the
 * readings only (the announcements carry none). Used with one input it is the plain assembler. The
 * keyed state and timers are the assembler's, as under Flink's {@link KeyedProcessOperator}, so a
 * savepoint restores into either.
 *
 * <pre>{@code
 * readings.keyBy(new SensorIdKey()).connect(updates.broadcast())
 *         .transform("windows", ScorerInput.TYPE_INFO, new WindowAssemblerWithUpdates(assembler))
 *         .transform("score", ScoredWindow.TYPE_INFO, new MicroBatchScorer(bundle, 64, 50, false));
 * }</pre>
 */
public class WindowAssemblerWithUpdates extends KeyedProcessOperator<String, SensorReading, ScorerInput>
        implements TwoInputStreamOperator<SensorReading, String, ScorerInput> {

    private static final long serialVersionUID = 1L;

    /** An operator running {@code assembler}. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // the assembler emits RawWindows, which are ScorerInputs
    public WindowAssemblerWithUpdates(WindowAssembler assembler) {
        super((KeyedProcessFunction) assembler);
    }

    @Override
    public void processElement1(StreamRecord<SensorReading> element) throws Exception {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<String> element) {
        output.collect(new StreamRecord<>(new ModelAnnouncement(element.getValue())));
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // ignored: the announcements carry no event time and must not hold the readings' watermark back
    }
}
