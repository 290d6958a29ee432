package mx.implan.brujula.attachments;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoDelaySocketsTest {

    @Test
    void everySocketHasNaglesAlgorithmOff() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            for (boolean gather : new boolean[] {true, false}) {
                NoDelaySockets sockets = new NoDelaySockets(gather);
                try (Socket unconnected = sockets.createSocket();
                     Socket connected = sockets.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    unconnected.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    assertThat(unconnected.getTcpNoDelay()).isTrue();
                    assertThat(connected.getTcpNoDelay()).isTrue();
                }
            }
        }
    }

    /** A socket made by {@code sockets}, connected to {@code server}, and the server's end of it. */
    private record Pair(Socket client, Socket peer) implements AutoCloseable {
        static Pair connect(NoDelaySockets sockets, ServerSocket server) throws Exception {
            Socket client = sockets.createSocket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            return new Pair(client, server.accept());
        }

        @Override
        public void close() throws Exception {
            try (client; peer) {
                // both closed
            }
        }
    }

    @Test
    void gatheredWritesLeaveOnFlushOrWhenTheBufferIsFull() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Pair pair = Pair.connect(new NoDelaySockets(true), server)) {
            Socket client = pair.client();
            Socket peer = pair.peer();
            peer.setSoTimeout(300);
            InputStream in = peer.getInputStream();
            OutputStream out = client.getOutputStream();
            assertThat(client.getOutputStream()).isSameAs(out);

            out.write(new byte[8192]); // one OkHttp segment: held
            assertThatThrownBy(() -> in.read(new byte[1])).isInstanceOf(SocketTimeoutException.class);
            out.flush();
            assertThat(in.readNBytes(8192)).hasSize(8192);

            byte[] full = new byte[NoDelaySockets.GATHER + 1];
            Arrays.fill(full, (byte) 7);
            out.write(full); // more than the buffer: sent without waiting for a flush
            peer.setSoTimeout(5000);
            assertThat(in.readNBytes(full.length)).isEqualTo(full);
        }
    }

    @Test
    void withoutGatheringEveryWriteLeavesAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Pair pair = Pair.connect(new NoDelaySockets(false), server)) {
            pair.peer().setSoTimeout(5000);
            pair.client().getOutputStream().write(new byte[] {1, 2, 3});
            assertThat(pair.peer().getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
        }
    }
}
