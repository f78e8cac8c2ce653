package org.the1studio.upm.core.pack;

import java.nio.file.Path;

/** Packs a directory in a JVM of its own (started with a small heap by {@link LargePackageTest}). */
public final class LargePackMain {
    private LargePackMain() {}

    public static void main(String[] args) throws Exception {
        PackResult r = new Packer().pack(Path.of(args[0]), Path.of(args[1]));
        System.out.println(r.shasum() + " " + r.integrity() + " " + r.size() + " " + r.unpackedSize());
    }
}
