package mx.implan.brujula.model.json;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;

/**
 * Refuses byte input that is not BOM-less UTF-8 before Jackson's encoding detection sees it, which
 * would otherwise read UTF-16/32 and skip a byte order mark. UTF-8 JSON never has a zero byte among
 * its first four (U+0000 must be escaped), and RFC 8259 forbids sending a BOM, so both betray
 * another encoding. Character input (already decoded) is left alone.
 */
final class Utf8Only extends InputDecorator {

    private static final int PROBE = 4;

    @Override
    public InputStream decorate(IOContext ctxt, InputStream in) throws IOException {
        PushbackInputStream probe = new PushbackInputStream(in, PROBE);
        byte[] head = probe.readNBytes(PROBE);
        check(head, 0, head.length);
        probe.unread(head);
        return probe;
    }

    @Override
    public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length) throws IOException {
        check(src, offset, Math.min(length, PROBE));
        return null; // read the array as it is
    }

    @Override
    public Reader decorate(IOContext ctxt, Reader r) {
        return r;
    }

    @Override
    public DataInput decorate(IOContext ctxt, DataInput input) {
        return input;
    }

    private static void check(byte[] bytes, int offset, int length) throws NotUtf8Exception {
        if (length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB && bytes[offset + 2] == (byte) 0xBF) {
            throw new NotUtf8Exception();
        }
        if (length >= 2 && ((bytes[offset] == (byte) 0xFE && bytes[offset + 1] == (byte) 0xFF)
                || (bytes[offset] == (byte) 0xFF && bytes[offset + 1] == (byte) 0xFE))) {
            throw new NotUtf8Exception();
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                throw new NotUtf8Exception();
            }
        }
    }
}
