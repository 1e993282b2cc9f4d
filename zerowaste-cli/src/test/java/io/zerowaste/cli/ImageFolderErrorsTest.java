package io.zerowaste.cli;

import static io.zerowaste.cli.CliErrorsTest.assertOneLine;
import static io.zerowaste.cli.CliErrorsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad image folders: one line each naming the problem and the fix, exit code 2, nothing written. */
class ImageFolderErrorsTest {

    @TempDir
    Path tmp;

    Path folder() throws IOException {
        Path d = tmp.resolve("photos");
        for (String c : new String[] {"cat", "dog"}) {
            for (int i = 0; i < 3; i++) {
                BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, i, 0xFFFFFF);
                Path f = d.resolve("train/" + c + "/" + i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
        return d;
    }

    @Test
    void emptyClassFolder() throws IOException {
        Path d = folder();
        Files.createDirectories(d.resolve("train/eel"));
        assertOneLine(run("train", "--data", d.toString(), "--out", tmp.resolve("run").toString()),
                "empty class folder " + d.resolve("train/eel"), "add images or remove the folder");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void truncatedImageIsNamed() throws IOException {
        Path d = folder();
        Path bad = d.resolve("train/dog/1.png");
        byte[] b = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(b, 40));
        assertOneLine(run("exits", "train", "--data", d.toString(), "--out", tmp.resolve("run").toString()),
                "unreadable image " + bad, "replace or remove it");
    }

    @Test
    void aFileNamedLikeAnImageThatIsNot() throws IOException {
        Path d = folder();
        Path bad = d.resolve("train/cat/notes.jpg");
        Files.writeString(bad, "not a picture");
        assertOneLine(run("train", "--data", d.toString(), "--out", tmp.resolve("run").toString()),
                "unreadable image " + bad, "not a PNG, JPEG or BMP file");
    }

    @Test
    void testClassThatTrainLacks() throws IOException {
        Path d = folder();
        Files.createDirectories(d.resolve("test/cow"));
        Files.copy(d.resolve("train/cat/0.png"), d.resolve("test/cow/0.png"));
        assertOneLine(run("continual", "run", "--data", d.toString(), "--out", tmp.resolve("run").toString()),
                "class 'cow' in " + d.resolve("test") + " has no folder in " + d.resolve("train"), "add train/cow or remove test/cow");
    }

    @Test
    void badChannelsAndSize() throws IOException {
        Path d = folder();
        assertOneLine(run("train", "--data", d.toString(), "--channels", "2"), "--channels must be 1 (grey) or 3 (colour)");
        assertOneLine(run("train", "--data", d.toString(), "--image-size", "0"), "--image-size must be 1..1024 pixels");
    }
}
