package dev.recon.operators.window;

import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.operators.metrics.DeadLetterCounter;
import dev.recon.operators.scoring.ChannelMapping;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Puts each sensor's readings in event-time order and cuts them into sliding windows.
 *
 * <p>A reading waits (keyed state {@value #PENDING_STATE}) until the watermark passes its
 * timestamp, then enters the sensor's {@link SlidingWindowBuffer} (keyed state {@value #RING_STATE}, the
 * same buffer {@code recon score} cuts windows with) in
 * timestamp order (ties keep arrival order); each due window leaves as a {@link RawWindow}. So a
 * reading may arrive up to the watermark's out-of-orderness late and still land in the right place.
 *
 * <p>A reading is <em>late</em> when its timestamp is below the current watermark, or below the
 * newest reading of its sensor already placed in a window: it cannot be placed any more, and goes
 * to {@link #DEAD_LETTERS} with reason {@code LATE} or is counted and dropped, per
 * {@link LateRecordPolicy}. A reading whose channels do not match the model goes to the dead
 * letters as {@code CHANNEL_MISMATCH}, one the model's float32 input cannot hold as
 * {@code NON_FINITE_VALUE}.
 *
 * <p>Nothing waits forever: a reading held longer than {@code maxHoldMs} of processing time (a
 * quiet sensor, or an idle partition holding the watermark back) is released with everything of
 * its sensor up to its timestamp. Later readings older than it are then late.
 *
 * <pre>{@code
 * readings.keyBy(new SensorIdKey())
 *         .process(new WindowAssembler(WindowSpec.of(manifest), LateRecordPolicy.DLQ, 2000), RawWindow.TYPE_INFO);
 * }</pre>
 */
public class WindowAssembler extends KeyedProcessFunction<String, SensorReading, RawWindow> {

    private static final long serialVersionUID = 1L;

    /** Keyed state of readings waiting for the watermark. Savepoint-compatible name: never change it. */
    public static final String PENDING_STATE = "recon.pending-readings";
    /** Keyed state of each sensor's recent readings. Savepoint-compatible name: never change it. */
    public static final String RING_STATE = "recon.reading-ring";
    /** Side output of rejected readings. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetter.OUTPUT_TAG;

    /** Processing-time timers are rounded up to this, so a busy sensor shares timers. */
    private static final long HOLD_TIMER_GRANULARITY_MS = 100;

    private final WindowSpec spec;
    private final LateRecordPolicy latePolicy;
    private final long maxHoldMs;

    private transient ChannelMapping channels;
    private transient ListState<PendingReading> pending;
    private transient ValueState<SlidingWindowBuffer> rings;
    private transient DeadLetterCounter deadLetters;

    /**
     * An assembler for windows of {@code spec}'s shape.
     *
     * @param maxHoldMs processing time a reading may wait for the watermark before it is released anyway
     */
    public WindowAssembler(WindowSpec spec, LateRecordPolicy latePolicy, long maxHoldMs) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.latePolicy = Objects.requireNonNull(latePolicy, "latePolicy");
        if (maxHoldMs < 0) {
            throw new IllegalArgumentException("maxHoldMs must be >= 0, got " + maxHoldMs);
        }
        this.maxHoldMs = maxHoldMs;
    }

    /** Descriptor of the pending-readings state. */
    public static ListStateDescriptor<PendingReading> pendingStateDescriptor() {
        return new ListStateDescriptor<>(PENDING_STATE, TypeInformation.of(PendingReading.class));
    }

    /** Descriptor of the reading-ring state. */
    public static ValueStateDescriptor<SlidingWindowBuffer> ringStateDescriptor() {
        return new ValueStateDescriptor<>(RING_STATE, TypeInformation.of(SlidingWindowBuffer.class));
    }

    @Override
    public void open(OpenContext openContext) {
        channels = new ChannelMapping(spec.channels(), spec.modelLabel());
        pending = getRuntimeContext().getListState(pendingStateDescriptor());
        rings = getRuntimeContext().getState(ringStateDescriptor());
        deadLetters = DeadLetterCounter.register(getRuntimeContext());
    }

    @Override
    public void processElement(SensorReading reading, Context ctx, Collector<RawWindow> out) throws Exception {
        double[] raw;
        try {
            raw = channels.toModelOrder(reading);
        } catch (RecordRejectedException e) {
            reject(reading, ctx, e.reason(), e.detail());
            return;
        }
        int overflow = spec.overflowingChannel(raw);
        if (overflow >= 0) {
            // The model runs in float32: 1e39 is a valid double but would reach it as Infinity and turn
            // the window's score into NaN, which is never anomalous.
            reject(reading, ctx, DeadLetterReason.NON_FINITE_VALUE, "channel '" + spec.channels().get(overflow)
                    + "' value " + raw[overflow] + " is out of range once normalised for model " + spec.modelLabel()
                    + "; expected a value the model's float32 input can hold");
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        SlidingWindowBuffer ring = rings.value();
        long placed = ring == null ? Long.MIN_VALUE : ring.lastTimestamp();
        if (reading.ts() < watermark || reading.ts() < placed) {
            deadLetters.inc(DeadLetterReason.LATE);
            if (latePolicy == LateRecordPolicy.DLQ) {
                ctx.output(DEAD_LETTERS, DeadLetter.of(reading, reading.ts(), DeadLetterReason.LATE,
                        "reading of sensor '" + reading.sensorId() + "' at ts " + reading.ts()
                                + " arrived after the job moved past it (watermark " + watermark
                                + ", newest reading already windowed " + placed
                                + "); expected timestamps within the allowed out-of-orderness"));
            }
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        // The mapping reuses its array; a pending reading must own its values.
        pending.add(new PendingReading(reading.ts(), raw.clone(), now));
        ctx.timerService().registerEventTimeTimer(reading.ts());
        long holdUntil = now + maxHoldMs;
        ctx.timerService().registerProcessingTimeTimer(
                (holdUntil / HOLD_TIMER_GRANULARITY_MS + 1) * HOLD_TIMER_GRANULARITY_MS);
    }

    private void reject(SensorReading reading, Context ctx, DeadLetterReason reason, String detail) {
        deadLetters.inc(reason);
        long timestamp = ctx.timestamp() == null ? reading.ts() : ctx.timestamp();
        ctx.output(DEAD_LETTERS, DeadLetter.of(reading, timestamp, reason, detail));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawWindow> out) throws Exception {
        List<PendingReading> waiting = new ArrayList<>();
        for (PendingReading p : pending.get()) {
            waiting.add(p);
        }
        if (waiting.isEmpty()) {
            return;
        }
        long releaseUpTo;
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            releaseUpTo = ctx.timerService().currentWatermark();
        } else {
            // Release what waited too long, and everything of this sensor before it.
            long expired = ctx.timerService().currentProcessingTime() - maxHoldMs;
            releaseUpTo = Long.MIN_VALUE;
            for (PendingReading p : waiting) {
                if (p.arrivedAt() <= expired) {
                    releaseUpTo = Math.max(releaseUpTo, p.ts());
                }
            }
        }
        // Stable sort: readings with equal timestamps keep their arrival order.
        waiting.sort(Comparator.comparingLong(PendingReading::ts));
        SlidingWindowBuffer ring = currentRing();
        List<PendingReading> remaining = new ArrayList<>();
        boolean released = false;
        for (PendingReading p : waiting) {
            if (p.ts() <= releaseUpTo) {
                released = true;
                if (ring.add(p.ts(), p.values())) {
                    out.collect(new RawWindow(ctx.getCurrentKey(), ring.windowTimestamps(), ring.rawWindow()));
                }
            } else {
                remaining.add(p);
            }
        }
        if (released) {
            rings.update(ring);
            pending.update(remaining);
        }
    }

    /** The sensor's ring; a restored ring of another shape (the model changed) starts afresh. */
    private SlidingWindowBuffer currentRing() throws Exception {
        SlidingWindowBuffer ring = rings.value();
        if (ring == null || !ring.fits(spec.length(), spec.channels().size())) {
            return new SlidingWindowBuffer(spec.length(), spec.channels().size(), spec.stride());
        }
        ring.setStride(spec.stride());
        return ring;
    }
}
