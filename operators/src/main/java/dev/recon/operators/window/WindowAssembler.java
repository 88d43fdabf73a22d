package dev.recon.operators.window;

import dev.recon.model.window.GridSink;
import dev.recon.model.window.Resampler;
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
import org.apache.flink.api.common.typeinfo.Types;
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
 * <p>Timers are per sensor, not per reading: one event-time timer at the earliest pending timestamp
 * (keyed state {@value #RELEASE_TIMER_STATE}) and one processing-time timer for the earliest
 * arrival, each set again for what is still pending when it fires. A busy sensor whose readings pile
 * up between two watermarks so costs one timer per watermark, not one per reading.
 *
 * <p>In {@link WindowMode#TIME time mode} ({@link WindowSpec#resampling()} set) released readings
 * go through the sensor's {@link Resampler} (keyed state {@value #RESAMPLER_STATE}) first, and the
 * windows are cut from its grid points (keyed state {@value #GRID_RING_STATE}): window timestamps
 * are grid times, and a gap that is not filled restarts the window. A grid point is emitted when a
 * reading beyond its cell is released or when the watermark passes its grid time (an event-time
 * timer just after it), whichever comes first; a reading that would fall into an emitted point's cell
 * is late. {@link ResamplingMetrics} counts filled and interpolated points and breaks. The grid is
 * the one {@code recon score --resample} puts a recorded series on ({@link dev.recon.model.window.GridSeries}),
 * so streamed and offline windows are equal.
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
    /** Keyed state of each sensor's resampler (time mode). Savepoint-compatible name: never change it. */
    public static final String RESAMPLER_STATE = "recon.resampler";
    /**
     * Keyed state of each sensor's recent grid points (time mode): apart from the count-mode ring, so
     * switching modes on a restore never mixes readings and grid points in one window.
     * Savepoint-compatible name: never change it.
     */
    public static final String GRID_RING_STATE = "recon.grid-ring";
    /**
     * Keyed state: the event time of the earliest event-time timer set for the pending readings,
     * absent while none pend. Savepoint-compatible name: never change it.
     */
    public static final String RELEASE_TIMER_STATE = "recon.release-timer";
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
    private transient ValueState<Long> releaseTimer;
    private transient DeadLetterCounter deadLetters;
    private transient ValueState<Resampler> resamplers;
    private transient ValueState<SlidingWindowBuffer> gridRings;
    private transient ResamplingMetrics resamplingMetrics;

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

    /** Descriptor of the release-timer state. */
    public static ValueStateDescriptor<Long> releaseTimerStateDescriptor() {
        return new ValueStateDescriptor<>(RELEASE_TIMER_STATE, Types.LONG);
    }

    /** Descriptor of the resampler state (time mode). */
    public static ValueStateDescriptor<Resampler> resamplerStateDescriptor() {
        return new ValueStateDescriptor<>(RESAMPLER_STATE, TypeInformation.of(Resampler.class));
    }

    /** Descriptor of the grid-point ring state (time mode). */
    public static ValueStateDescriptor<SlidingWindowBuffer> gridRingStateDescriptor() {
        return new ValueStateDescriptor<>(GRID_RING_STATE, TypeInformation.of(SlidingWindowBuffer.class));
    }

    @Override
    public void open(OpenContext openContext) {
        channels = new ChannelMapping(spec.channels(), spec.modelLabel());
        pending = getRuntimeContext().getListState(pendingStateDescriptor());
        rings = getRuntimeContext().getState(ringStateDescriptor());
        releaseTimer = getRuntimeContext().getState(releaseTimerStateDescriptor());
        deadLetters = DeadLetterCounter.register(getRuntimeContext());
        if (spec.mode() == WindowMode.TIME) {
            resamplers = getRuntimeContext().getState(resamplerStateDescriptor());
            gridRings = getRuntimeContext().getState(gridRingStateDescriptor());
            resamplingMetrics = ResamplingMetrics.register(getRuntimeContext());
        }
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
        int overflow = spec.overflowingChannel(reading.sensorId(), raw);
        if (overflow >= 0) {
            // The model runs in float32: 1e39 is a valid double but would reach it as Infinity and turn
            // the window's score into NaN, which is never anomalous.
            reject(reading, ctx, DeadLetterReason.NON_FINITE_VALUE, "channel '" + spec.channels().get(overflow)
                    + "' value " + raw[overflow] + " is out of range once normalised for model " + spec.modelLabel()
                    + "; expected a value the model's float32 input can hold");
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean onGrid = spec.mode() == WindowMode.TIME;
        long placed;
        if (onGrid) {
            Resampler resampler = restoredResampler();
            placed = resampler == null ? Long.MIN_VALUE : resampler.earliestAccepted();
        } else {
            SlidingWindowBuffer ring = rings.value();
            placed = ring == null ? Long.MIN_VALUE : ring.lastTimestamp();
        }
        if (reading.ts() < watermark || reading.ts() < placed) {
            deadLetters.inc(DeadLetterReason.LATE);
            if (latePolicy == LateRecordPolicy.DLQ) {
                ctx.output(DEAD_LETTERS, DeadLetter.of(reading, reading.ts(), DeadLetterReason.LATE,
                        "reading of sensor '" + reading.sensorId() + "' at ts " + reading.ts()
                                + " arrived after the job moved past it (watermark " + watermark + ", "
                                + (onGrid ? "earliest timestamp its resampled grid still accepts "
                                        : "newest reading already windowed ") + placed
                                + "); expected timestamps within the allowed out-of-orderness"));
            }
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        // The mapping reuses its array; a pending reading must own its values.
        pending.add(new PendingReading(reading.ts(), raw.clone(), now));
        Long timer = releaseTimer.value();
        if (timer == null) {
            // Nothing was pending: this reading arrived first of all that will wait with it.
            ctx.timerService().registerProcessingTimeTimer(holdTimer(now));
        }
        if (timer == null || reading.ts() < timer) {
            ctx.timerService().registerEventTimeTimer(reading.ts());
            releaseTimer.update(reading.ts());
        }
    }

    /** The processing-time timer that releases a reading arrived at {@code arrivedAt} once held too long. */
    private long holdTimer(long arrivedAt) {
        return ((arrivedAt + maxHoldMs) / HOLD_TIMER_GRANULARITY_MS + 1) * HOLD_TIMER_GRANULARITY_MS;
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
        boolean eventTime = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        long watermark = ctx.timerService().currentWatermark();
        if (waiting.isEmpty() && !(eventTime && spec.mode() == WindowMode.TIME)) {
            return;
        }
        long releaseUpTo;
        if (eventTime) {
            releaseUpTo = watermark;
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
        List<PendingReading> released = new ArrayList<>();
        List<PendingReading> remaining = new ArrayList<>();
        for (PendingReading p : waiting) {
            (p.ts() <= releaseUpTo ? released : remaining).add(p);
        }
        if (spec.mode() == WindowMode.TIME) {
            // The watermark says no reading at or before watermark - 1 can come: that closes grid cells.
            long closedUpTo = eventTime ? watermark - 1 : Long.MIN_VALUE;
            windowOnGrid(released, closedUpTo, ctx, out);
        } else if (!released.isEmpty()) {
            SlidingWindowBuffer ring = currentRing();
            for (PendingReading p : released) {
                if (ring.add(p.ts(), p.values())) {
                    out.collect(new RawWindow(ctx.getCurrentKey(), ring.windowTimestamps(), ring.rawWindow()));
                }
            }
            rings.update(ring);
        }
        if (!released.isEmpty()) {
            pending.update(remaining);
        }
        if (remaining.isEmpty()) {
            releaseTimer.clear();
            return;
        }
        // Timers for what still waits: the earliest timestamp (unless its timer is set already) and,
        // after a hold timer, the earliest arrival. An event-time fire leaves the hold timer as it is:
        // it was set for an arrival no later than any remaining one's.
        long earliest = remaining.get(0).ts();
        Long timer = releaseTimer.value();
        if (timer == null || timer != earliest) {
            ctx.timerService().registerEventTimeTimer(earliest);
            releaseTimer.update(earliest);
        }
        if (!eventTime) {
            long firstArrival = Long.MAX_VALUE;
            for (PendingReading p : remaining) {
                firstArrival = Math.min(firstArrival, p.arrivedAt());
            }
            ctx.timerService().registerProcessingTimeTimer(holdTimer(firstArrival));
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

    /**
     * Time mode: resamples the released readings, closes the cells the watermark passed, and cuts
     * windows from the grid points; then asks to be called when the watermark passes the open cell.
     */
    private void windowOnGrid(List<PendingReading> released, long closedUpTo, OnTimerContext ctx,
            Collector<RawWindow> out) throws Exception {
        Resampler resampler = restoredResampler();
        if (released.isEmpty()) {
            long open = resampler == null ? Long.MIN_VALUE : resampler.openPointTime();
            if (open == Long.MIN_VALUE || open > closedUpTo) {
                return; // e.g. the timer of a reading released by an earlier timer: nothing to do
            }
        }
        SlidingWindowBuffer ring = resampler == null ? null : gridRings.value();
        if (resampler == null) {
            resampler = new Resampler(spec.resampling(), spec.channels().size());
            // A ring left by count mode (before a restore in time mode) is not used any more.
            rings.clear();
        } else {
            resampler.updateGapSettings(spec.resampling());
        }
        if (ring == null || !ring.fits(spec.length(), spec.channels().size())) {
            ring = new SlidingWindowBuffer(spec.length(), spec.channels().size(), spec.stride());
        }
        ring.setStride(spec.stride());
        GridWindows windows = new GridWindows(ctx.getCurrentKey(), ring, out);
        for (PendingReading p : released) {
            resampler.add(p.ts(), p.values(), windows);
        }
        if (closedUpTo != Long.MIN_VALUE) {
            resampler.closeUpTo(closedUpTo, windows);
        }
        if (!released.isEmpty() || windows.changed) {
            resamplers.update(resampler);
            gridRings.update(windows.ring);
        }
        long open = resampler.openPointTime();
        if (open != Long.MIN_VALUE) {
            // Fires once the watermark is past the open cell's grid time: then its point is final.
            ctx.timerService().registerEventTimeTimer(open + 1);
        }
    }

    /** The sensor's resampler, or {@code null} if it has none on this grid (none yet, or the step or model changed). */
    private Resampler restoredResampler() throws Exception {
        Resampler resampler = resamplers.value();
        return resampler != null && resampler.fits(spec.resampling(), spec.channels().size()) ? resampler : null;
    }

    /** Cuts windows from one sensor's grid points, restarting at breaks, and counts them. */
    private final class GridWindows implements GridSink {
        private final String sensorId;
        private final Collector<RawWindow> out;
        SlidingWindowBuffer ring;
        boolean changed;

        GridWindows(String sensorId, SlidingWindowBuffer ring, Collector<RawWindow> out) {
            this.sensorId = sensorId;
            this.ring = ring;
            this.out = out;
        }

        @Override
        public void point(long time, double[] values, Origin origin) {
            changed = true;
            resamplingMetrics.point(origin);
            if (ring.add(time, values)) {
                out.collect(new RawWindow(sensorId, ring.windowTimestamps(), ring.rawWindow()));
            }
        }

        @Override
        public void windowBreak(long lastPoint, long nextPoint, long missingPoints) {
            changed = true;
            resamplingMetrics.windowBreak();
            ring = new SlidingWindowBuffer(spec.length(), spec.channels().size(), spec.stride());
        }
    }
}
