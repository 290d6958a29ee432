package mx.implan.brujula.attachments;

import javax.net.SocketFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Plain sockets with Nagle's algorithm off, for the S3 client. OkHttp leaves it on: a request's
 * last small segment then waits for the ACK of the one before, which the S3 server delays by up
 * to 40 ms — on every PUT and GET, whatever its size.
 *
 * <p>Without Nagle every write is a packet, and OkHttp writes a body 8 KiB at a time (its buffer
 * segments): for a plain-HTTP endpoint the sockets made here gather writes up to 64 KiB and send
 * them when full or when OkHttp flushes (after the headers, after the body), so a photo crosses in
 * large packets. Under TLS the records already are the unit of sending: no gathering there.
 */
public final class NoDelaySockets extends SocketFactory {

    static final int GATHER = 64 * 1024;

    private final SocketFactory plain = SocketFactory.getDefault();
    private final boolean gather;

    /** {@code gather}: whether writes are gathered (only for plain HTTP, see the class comment). */
    public NoDelaySockets(boolean gather) {
        this.gather = gather;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(gather ? new GatheringSocket() : plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** An unconnected socket (OkHttp connects it) whose output gathers small writes; see the class comment. */
    private static final class GatheringSocket extends Socket {

        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(super.getOutputStream(), GATHER);
            }
            return out;
        }
    }
}
