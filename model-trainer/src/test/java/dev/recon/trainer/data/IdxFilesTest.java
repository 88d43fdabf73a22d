package dev.recon.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link IdxFiles}. */
class IdxFilesTest {

    @TempDir
    Path tmp;

    /** An idx3 file of {@code count} images of {@code rows x cols}, pixel value = index mod 256. */
    static byte[] images(int count, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxFiles.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            out.writeByte(i & 0xff);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxFiles.LABELS_MAGIC);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    static Path gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws Exception {
        Path plain = Files.write(tmp.resolve("images.idx3"), images(3, 2, 4));
        Path gz = gzip(tmp.resolve("images.idx3.gz"), images(3, 2, 4));
        Path lab = gzip(tmp.resolve("labels.idx1.gz"), labels(7, 0, 255));
        ImageSet a = IdxFiles.read(plain, lab);
        ImageSet b = IdxFiles.read(gz, null);
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.height()).isEqualTo(2);
        assertThat(a.width()).isEqualTo(4);
        assertThat(a.channels()).isEqualTo(1);
        assertThat(a.pixels()).containsExactly(b.pixels());
        assertThat(a.labels()).containsExactly(7, 0, 255);
        assertThat(b.labelled()).isFalse();
        assertThat(a.scaled(new int[] {1})[0]).isEqualTo(8 / 255f); // first pixel of the second image
    }

    @Test
    void wrongFilesSayWhatTheyAreAndWhatWasExpected() throws Exception {
        Path lab = Files.write(tmp.resolve("labels.idx1"), labels(1, 2));
        assertThatThrownBy(() -> IdxFiles.readImages(lab))
                .hasMessageContaining("magic number 0x00000801")
                .hasMessageContaining("1 dimensions (labels?)")
                .hasMessageContaining("expected images (idx3), magic 0x00000803");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello, world");
        assertThatThrownBy(() -> IdxFiles.readImages(text)).hasMessageContaining("not an IDX file");

        byte[] full = images(2, 3, 3);
        Path truncated = Files.write(tmp.resolve("short.idx3"), java.util.Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> IdxFiles.readImages(truncated))
                .hasMessageContaining("announces 2 images of 3 x 3 = 18 values, but 13 bytes follow it; the file is truncated");

        Path images = Files.write(tmp.resolve("images.idx3"), full);
        Path three = Files.write(tmp.resolve("three.idx1"), labels(1, 2, 3));
        assertThatThrownBy(() -> IdxFiles.read(images, three))
                .hasMessageContaining("holds 3 labels but")
                .hasMessageContaining("holds 2 images; expected one label per image");
    }
}
