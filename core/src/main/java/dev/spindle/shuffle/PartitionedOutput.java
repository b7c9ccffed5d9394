package dev.spindle.shuffle;

import dev.spindle.memory.TaskMemory;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A map task's output as it is written: one stream per reduce partition, gathered in memory and
 * written once, partition after partition, as the data file of {@link ShuffleFiles}. Bytes are copied
 * once on their way to the file (no file per partition to concatenate afterwards); when the task's
 * memory is refused, or {@link #MAX_BUFFERED} is reached, everything gathered so far goes to a spill
 * file in one sequential write, and {@link #commit} joins each partition's spilled runs (copied in the
 * kernel) with what is still in memory. Each partition's CRC32C is taken as its bytes arrive, which is
 * their order in the data file whether they were spilled or not.
 *
 * <p>Not thread-safe: one task's thread. {@link #close} frees its memory and deletes its spill files,
 * committed or not.
 */
public final class PartitionedOutput implements AutoCloseable {
    static final int CHUNK = 32 * 1024;
    /**
     * Most bytes held in memory at once: beyond this a spill costs less than the garbage collector's
     * copying of long-lived buffers, whatever memory the executor could lend.
     */
    static final long MAX_BUFFERED = 64L << 20;
    /**
     * Least that is spilled when memory is refused: below it chunks are taken without the budget's
     * leave, so a starved task writes few large spills rather than one per chunk.
     */
    static final long MIN_SPILL = 4L << 20;

    private final File dir;
    private final String base;
    private final TaskMemory memory;
    private final Part[] parts;
    private final List<Spill> spills = new ArrayList<>();
    private long buffered;
    private long acquired;

    /** A spill file and the length of each partition's run in it. */
    private record Spill(File file, long[] lengths) {
    }

    public PartitionedOutput(File dir, String base, int partitions, TaskMemory memory) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a map output needs at least one partition, not " + partitions);
        }
        this.dir = dir;
        this.base = base;
        this.memory = memory;
        this.parts = new Part[partitions];
        for (int r = 0; r < partitions; r++) {
            parts[r] = new Part();
        }
    }

    /** The stream of reduce partition {@code r}'s bytes; closing it does nothing. */
    public OutputStream partition(int r) {
        return parts[r];
    }

    /**
     * Writes the data file {@code data} and its index, each first to a temporary name and moved into
     * place; returns each partition's length. The output is then complete: {@link #checksums()} are final.
     */
    public long[] commit(File data) throws IOException {
        long[] lengths = new long[parts.length];
        File tmp = new File(data.getPath() + ".tmp");
        List<FileChannel> runs = new ArrayList<>();
        try (FileChannel out = FileChannel.open(tmp.toPath(), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (Spill s : spills) {
                runs.add(FileChannel.open(s.file().toPath()));
            }
            long[] runStart = new long[spills.size()];
            for (int r = 0; r < parts.length; r++) {
                for (int s = 0; s < spills.size(); s++) {
                    long len = spills.get(s).lengths()[r];
                    for (long done = 0; done < len; ) {
                        done += runs.get(s).transferTo(runStart[s] + done, len - done, out);
                    }
                    runStart[s] += len;
                }
                parts[r].writeTo(out);
                lengths[r] = parts[r].total;
            }
        } finally {
            for (FileChannel c : runs) {
                c.close();
            }
        }
        ShuffleFiles.writeIndex(ShuffleFiles.indexFileOf(data), lengths);
        Files.move(tmp.toPath(), data.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return lengths;
    }

    /** Each partition's CRC32C over all its bytes so far. */
    public long[] checksums() {
        long[] out = new long[parts.length];
        for (int r = 0; r < parts.length; r++) {
            out[r] = parts[r].crc.getValue();
        }
        return out;
    }

    /** How many times the output went to a spill file. */
    public int spillCount() {
        return spills.size();
    }

    @Override
    public void close() throws IOException {
        for (Part p : parts) {
            p.chunks.clear();
        }
        memory.release(acquired);
        acquired = 0;
        IOException first = null;
        for (Spill s : spills) {
            try {
                Files.deleteIfExists(s.file().toPath());
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** A new chunk for a partition, spilling what is gathered first if memory is short. */
    private byte[] newChunk() throws IOException {
        if (buffered + CHUNK > MAX_BUFFERED) {
            spill();
        }
        boolean granted = memory.tryAcquire(CHUNK);
        if (!granted && buffered >= MIN_SPILL) {
            spill();
            granted = memory.tryAcquire(CHUNK);
        }
        if (granted) {
            acquired += CHUNK;
        }
        buffered += CHUNK;
        return new byte[CHUNK];
    }

    private void spill() throws IOException {
        File file = new File(dir, base + ".spill" + spills.size());
        long[] lengths = new long[parts.length];
        try (FileChannel out = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            // Recorded before writing, so close() deletes a half-written spill too.
            spills.add(new Spill(file, lengths));
            for (int r = 0; r < parts.length; r++) {
                lengths[r] = parts[r].inMemory();
                parts[r].writeTo(out);
                parts[r].chunks.clear();
            }
        }
        buffered = 0;
        memory.release(acquired);
        acquired = 0;
    }

    /** One partition's bytes in memory: full chunks, then the last one filled to {@code used}. */
    private final class Part extends OutputStream {
        final List<byte[]> chunks = new ArrayList<>();
        final CRC32C crc = new CRC32C();
        int used;
        long total;

        long inMemory() {
            return chunks.isEmpty() ? 0 : (long) (chunks.size() - 1) * CHUNK + used;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            total += len;
            while (len > 0) {
                if (chunks.isEmpty() || used == CHUNK) {
                    byte[] chunk = newChunk();
                    chunks.add(chunk);
                    used = 0;
                }
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunks.get(chunks.size() - 1), used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        void writeTo(FileChannel out) throws IOException {
            for (int i = 0; i < chunks.size(); i++) {
                ByteBuffer bb = ByteBuffer.wrap(chunks.get(i), 0, i == chunks.size() - 1 ? used : CHUNK);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            }
        }
    }
}
