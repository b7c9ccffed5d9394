package dev.spindle.bench.spark;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

import java.io.IOException;

/**
 * Writes each value's bytes as they are, with no key, separator or framing: the counterpart of
 * {@code binaryRecords}/FixedLengthInputFormat. Keys are ignored.
 */
public final class RawRecordOutputFormat extends FileOutputFormat<Object, byte[]> {
    @Override
    public RecordWriter<Object, byte[]> getRecordWriter(TaskAttemptContext context) throws IOException {
        Path file = getDefaultWorkFile(context, "");
        FSDataOutputStream out = file.getFileSystem(context.getConfiguration()).create(file, false);
        return new RecordWriter<>() {
            @Override
            public void write(Object key, byte[] value) throws IOException {
                out.write(value);
            }

            @Override
            public void close(TaskAttemptContext ctx) throws IOException {
                out.close();
            }
        };
    }
}
