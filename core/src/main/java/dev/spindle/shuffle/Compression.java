package dev.spindle.shuffle;

import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import net.jpountz.lz4.LZ4Factory;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * How map outputs are compressed when {@code spindle.shuffle.compress} is on: LZ4 in 32 KiB blocks
 * (lz4-java, the library and version Hadoop itself uses), fast enough that it pays for itself as soon
 * as the disk or the network is the bottleneck. The partition checksums cover the compressed bytes,
 * so a damaged block is a fetch failure before anything is decompressed.
 */
public final class Compression {
    /** Bytes of records per compressed block: small, since a map task has one stream per reduce partition. */
    static final int BLOCK = 32 * 1024;

    private Compression() {
    }

    public static OutputStream compress(OutputStream out) {
        return new LZ4BlockOutputStream(out, BLOCK, LZ4Factory.fastestInstance().fastCompressor());
    }

    public static InputStream decompress(InputStream in) {
        // The safe decompressor checks every block's bounds: the bytes came from another process.
        return LZ4BlockInputStream.newBuilder().withDecompressor(LZ4Factory.fastestInstance().safeDecompressor())
                .build(in);
    }
}
