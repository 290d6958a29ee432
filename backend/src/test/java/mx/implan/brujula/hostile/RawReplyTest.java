package mx.implan.brujula.hostile;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw-socket reader of the hostile suites joins chunks as bytes: a chunk may end inside a UTF-8 character. */
class RawReplyTest {

    @Test
    void aUtf8CharacterSplitBetweenChunksIsReadWhole() {
        byte[] body = "{\"nota\":\"señal de peligro\"}".getBytes(StandardCharsets.UTF_8);
        int split = indexOf(body, (byte) 0xC3) + 1; // between the two bytes of ñ
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        answer.writeBytes((Integer.toHexString(split) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        answer.write(body, 0, split);
        answer.writeBytes(("\r\n" + Integer.toHexString(body.length - split) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        answer.write(body, split, body.length - split);
        answer.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        Reply r = RawReply.parse("GET /", answer.toByteArray());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"nota\":\"señal de peligro\"}");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
