package mx.implan.brujula.attachments;

import mx.implan.brujula.testing.Photos;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming structure walk: same verdict however the bytes are split, false for any cut. */
class StructureWatchTest {

    private static StructureWatch fed(ImageFormat format, byte[] bytes, int chunk) {
        StructureWatch watch = new StructureWatch(format);
        for (int at = 0; at < bytes.length; at += chunk) {
            watch.update(bytes, at, Math.min(chunk, bytes.length - at));
        }
        return watch;
    }

    @Test
    void aCompleteJpegIsCompleteInAnySplitAndEveryCutIsNot() {
        byte[] jpeg = Photos.jpegWithExif(300, 200, 6);
        for (int chunk : new int[]{1, 7, 4096, jpeg.length}) {
            assertThat(fed(ImageFormat.JPEG, jpeg, chunk).complete()).as("chunk " + chunk).isTrue();
        }
        for (int cut = 0; cut < jpeg.length; cut += Math.max(1, jpeg.length / 200)) {
            assertThat(fed(ImageFormat.JPEG, Arrays.copyOf(jpeg, cut), 1000).complete()).as("cut at " + cut).isFalse();
        }
        assertThat(fed(ImageFormat.JPEG, Arrays.copyOf(jpeg, jpeg.length - 1), 1000).complete()).isFalse();
    }

    @Test
    void theJpegHeaderEndsAfterTheFrameHeaderBeforeTheImageData() {
        byte[] jpeg = Photos.jpegWithExif(300, 200, 1);
        StructureWatch watch = fed(ImageFormat.JPEG, jpeg, 13);
        assertThat(watch.headerEnd()).isPositive().isLessThan(jpeg.length / 2);
        // The bytes up to there hold the dimensions.
        try {
            Images.Size size = Images.header(jpeg, (int) watch.headerEnd(), ImageFormat.JPEG);
            assertThat(size).isEqualTo(new Images.Size(300, 200));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pngNeedsItsEndChunkAndWebpItsAnnouncedLength() {
        byte[] png = Photos.png(40, 30);
        assertThat(fed(ImageFormat.PNG, png, 3).complete()).isTrue();
        assertThat(fed(ImageFormat.PNG, png, 3).headerEnd()).isEqualTo(33);
        assertThat(fed(ImageFormat.PNG, Arrays.copyOf(png, png.length - 4), 100).complete()).isFalse();
        byte[] webp = {'R', 'I', 'F', 'F', 0x1a, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0x0d, 0, 0, 0,
                0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0};
        assertThat(fed(ImageFormat.WEBP, webp, 5).complete()).isTrue();
        assertThat(fed(ImageFormat.WEBP, Arrays.copyOf(webp, webp.length - 1), 5).complete()).isFalse();
    }

    @Test
    void aJpegWithoutMarkersIsBroken() {
        byte[] noise = new byte[100];
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        noise[2] = 0x12;
        StructureWatch watch = fed(ImageFormat.JPEG, noise, 10);
        assertThat(watch.broken()).isTrue();
        assertThat(watch.complete()).isFalse();
    }

    @Test
    void theWordAtATimeScanFindsTheFirstFFWhereverItIs() {
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                // mostly bytes near 0xFF (0xFE, 0x7F, 0x80…) that a wrong bit trick would confuse with it
                int[] near = {0xFE, 0x7F, 0x80, 0xEF, 0x00, 0x01, random.nextInt(256)};
                b[k] = (byte) near[random.nextInt(near.length)];
            }
            if (b.length > 0 && random.nextInt(3) > 0) {
                b[random.nextInt(b.length)] = (byte) 0xFF;
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            int expected = from;
            while (expected < end && b[expected] != (byte) 0xFF) {
                expected++;
            }
            assertThat(StructureWatch.nextFF(b, from, end)).as("case %d", n).isEqualTo(expected);
        }
    }
}
