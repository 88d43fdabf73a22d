package dev.recon.bench.images;

import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.trainer.ImageTrainer;
import dev.recon.trainer.ImageTrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.TrainingResult;
import dev.recon.trainer.data.IdxFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.offline.ScoredImages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Fashion-MNIST one-class detection, the usual protocol: for each class in turn, train on images of
 * that class from the training set only, then score the whole test set (1,000 images of the class,
 * 9,000 of the others) and report the AUROC of normal against the rest.
 */
public final class FashionMnistBenchmark {

    /** Class names of Fashion-MNIST, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** A model set-up to measure: its name and how it changes the default image trainer settings. */
    public record Variant(String name, UnaryOperator<ImageTrainerConfig.Builder> settings) {}

    /**
     * The AUROC of one variant for one normal class.
     *
     * @param trainSeconds training time
     * @param epochs epochs run
     */
    public record Result(String variant, int normalClass, double auroc, double trainSeconds, int epochs) {}

    private final ImageSet train;
    private final ImageSet test;
    private final int trainImages;
    private final Path work;
    private final PrintStream log;

    /**
     * A benchmark over the IDX files in {@code directory} ({@code train-images-idx3-ubyte.gz} and the
     * others, as the Debian package {@code dataset-fashion-mnist} installs them).
     *
     * @param trainImages images of the normal class to train on (the first ones of the training set)
     */
    public FashionMnistBenchmark(Path directory, int trainImages, Path work, PrintStream log) throws IOException {
        this.train = IdxFiles.read(directory.resolve("train-images-idx3-ubyte.gz"),
                directory.resolve("train-labels-idx1-ubyte.gz"));
        this.test = IdxFiles.read(directory.resolve("t10k-images-idx3-ubyte.gz"),
                directory.resolve("t10k-labels-idx1-ubyte.gz"));
        if (trainImages < 10) {
            throw new IllegalArgumentException("train images per class must be >= 10, got " + trainImages);
        }
        this.trainImages = trainImages;
        this.work = work;
        this.log = log;
    }

    /** Whether the data is installed where the benchmark looks. */
    public static boolean available(Path directory) {
        return Files.isRegularFile(directory.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(directory.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    /** Runs every variant on every class. */
    public List<Result> run(List<Variant> variants) throws IOException, BundleFormatException {
        return run(variants, java.util.stream.IntStream.range(0, CLASSES.size()).boxed().toList());
    }

    /** Runs every variant with each of {@code normalClasses} as the normal class. */
    public List<Result> run(List<Variant> variants, List<Integer> normalClasses)
            throws IOException, BundleFormatException {
        List<Result> results = new ArrayList<>();
        for (Variant variant : variants) {
            for (int c : normalClasses) {
                ImageSet normal = normalImages(c);
                ImageTrainerConfig config = variant.settings().apply(
                        ImageTrainerConfig.builder("fashion-" + c)).build();
                Path bundle = work.resolve(variant.name().replaceAll("[^A-Za-z0-9]+", "-") + "-" + c);
                TrainingResult trained = new ImageTrainer(config, TrainingProgress.SILENT).train(normal, bundle);
                try (LoadedModel model = ModelBundle.load(bundle).open()) {
                    double auroc = ScoredImages.evaluate(test, model, List.of(c)).auroc();
                    Result r = new Result(variant.name(), c, auroc, trained.manifest().training().seconds(),
                            trained.manifest().training().epochs());
                    log.printf(Locale.ROOT, "  %-22s class %d %-12s AUROC %.3f (%d epochs, %.0f s)%n", variant.name(), c,
                            CLASSES.get(c), auroc, r.epochs(), r.trainSeconds());
                    results.add(r);
                }
            }
        }
        return results;
    }

    /** The first {@code trainImages} training images of class {@code c}, and no others. */
    private ImageSet normalImages(int c) {
        int[] all = train.indicesWhereLabel(Set.of(c), true);
        int[] picked = Arrays.copyOf(all, Math.min(trainImages, all.length));
        int size = train.imageSize();
        byte[] pixels = new byte[picked.length * size];
        int[] labels = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            System.arraycopy(train.pixels(), picked[i] * size, pixels, i * size, size);
            labels[i] = c;
        }
        return new ImageSet(train.source() + " (class " + c + ", first " + picked.length + ")", train.channels(),
                train.height(), train.width(), pixels, labels);
    }
}
