package dev.recon.operators.routing;

import dev.recon.operators.metrics.DeadLetterCounter;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.SensorReading;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each reading to the model that serves its sensor: the first route whose {@link SensorPattern}
 * matches the sensor id wins, and its readings leave through that route's side output
 * ({@link #route(int)}); a reading no route matches leaves through the main output to the default
 * model, or, when there is none, goes to the {@link #DEAD_LETTERS} side output as
 * {@link DeadLetterReason#NO_MODEL}, unchanged, and is counted.
 *
 * <p>Stateless: the route of a sensor is a function of its id, so the same sensor always reaches the
 * same model (and its keyed window state) after a restart or rescale. Patterns are matched per
 * reading rather than cached per sensor: a handful of anchored regular expressions over a short id
 * costs less than a map that would grow with every id ever seen, garbage ids included.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<SensorReading> routed = readings.process(new SensorRouter(patterns, true));
 * DataStream<SensorReading> pumps = routed.getSideOutput(SensorRouter.route(0));
 * DataStream<SensorReading> everythingElse = routed; // the default model's
 * }</pre>
 */
public class SensorRouter extends ProcessFunction<SensorReading, SensorReading> {

    private static final long serialVersionUID = 1L;

    /** The side output of readings no model serves (shared by every recon operator). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetter.OUTPUT_TAG;

    private final List<SensorPattern> routes;
    private final List<OutputTag<SensorReading>> outputs;
    private final boolean hasDefault;

    private transient DeadLetterCounter deadLetters;

    /**
     * A router.
     *
     * @param routes the routed patterns, in order: route {@code k} is {@code routes.get(k)}
     * @param hasDefault whether readings no route matches go to the main output (a default model)
     *     rather than to the dead letters
     */
    public SensorRouter(List<SensorPattern> routes, boolean hasDefault) {
        this.routes = List.copyOf(routes);
        this.outputs = IntStream.range(0, this.routes.size()).mapToObj(SensorRouter::route).toList();
        this.hasDefault = hasDefault;
        if (this.routes.isEmpty() && !hasDefault) {
            throw new IllegalArgumentException("a router needs at least one route or a default");
        }
    }

    /** The side output of route {@code k}'s readings. */
    public static OutputTag<SensorReading> route(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("route index must be >= 0, got " + k);
        }
        return new OutputTag<>("model-route-" + k, SensorReading.TYPE_INFO);
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = DeadLetterCounter.register(getRuntimeContext());
    }

    @Override
    public void processElement(SensorReading reading, Context ctx, Collector<SensorReading> out) {
        for (int k = 0; k < routes.size(); k++) {
            if (routes.get(k).matches(reading.sensorId())) {
                ctx.output(outputs.get(k), reading);
                return;
            }
        }
        if (hasDefault) {
            out.collect(reading);
            return;
        }
        deadLetters.inc(DeadLetterReason.NO_MODEL);
        long timestamp = ctx.timestamp() == null ? reading.ts() : ctx.timestamp();
        ctx.output(DEAD_LETTERS, DeadLetter.of(reading, timestamp, DeadLetterReason.NO_MODEL,
                "no model serves sensor '" + reading.sensorId() + "': it matches none of the routed patterns "
                        + routes.stream().map(SensorPattern::glob).collect(Collectors.joining(", ", "[", "]"))
                        + " and the job has no default model"));
    }
}
