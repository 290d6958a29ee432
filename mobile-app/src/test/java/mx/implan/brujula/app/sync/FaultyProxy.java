package mx.implan.brujula.app.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the app and the backend that breaks things on purpose, decided by a seeded random per
 * connection: it cuts a request in the middle of its body (the server never sees it whole), cuts a connection
 * after the server has answered but before the answer reaches the app (the server committed; the app does not
 * know), and delays chunks. The seed is printed; {@code -Dbrujula.proxy.seed=N} replays a run's decisions.
 */
final class FaultyProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long seed;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger cutsMidRequest = new AtomicInteger();
    final AtomicInteger cutsAfterAnswer = new AtomicInteger();
    final AtomicInteger delays = new AtomicInteger();
    private volatile double faultRate;
    private volatile boolean closed;

    FaultyProxy(URI backend, double faultRate) throws IOException {
        this.target = new InetSocketAddress(backend.getHost(), backend.getPort());
        this.seed = Long.getLong("brujula.proxy.seed", System.nanoTime());
        this.faultRate = faultRate;
        System.out.println("FaultyProxy seed " + seed + " (reproduce with -Dbrujula.proxy.seed=" + seed + ")");
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "faulty-proxy");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    long seed() {
        return seed;
    }

    /** 0 lets everything through (e.g. while signing in). */
    void faultRate(double rate) {
        this.faultRate = rate;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                int n = connections.incrementAndGet();
                Random random = new Random(seed * 31 + n);
                Thread t = new Thread(() -> serve(client, random), "faulty-proxy-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void serve(Socket client, Random random) {
        // Each connection draws its faults from its own seeded random: the same seed breaks the same exchanges.
        Random up = new Random(random.nextLong());
        Random down = new Random(random.nextLong());
        try (client; Socket server = new Socket()) {
            server.connect(target, 5_000);
            Thread upstream = new Thread(() -> pump(client, server, up, true), "proxy-up");
            upstream.setDaemon(true);
            upstream.start();
            pump(server, client, down, false);
            upstream.join(30_000);
        } catch (IOException | InterruptedException ignored) {
            // a cut connection is the point
        }
    }

    /**
     * Copies chunks one way. Upstream (app → server) a chunk may be cut part-way (the request never arrives
     * whole: a body cut in the middle); downstream (server → app) a chunk may be dropped with the connection
     * (the server has answered, so it has committed, and the app never hears of it). Either way may delay.
     */
    private void pump(Socket from, Socket to, Random random, boolean upstream) {
        byte[] buffer = new byte[8_192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                double rate = faultRate;
                double roll = random.nextDouble();
                if (upstream && roll < rate / 4) {
                    out.write(buffer, 0, random.nextInt(n));
                    out.flush();
                    cutsMidRequest.incrementAndGet();
                    close(from, to);
                    return;
                }
                if (!upstream && roll < rate / 4) {
                    cutsAfterAnswer.incrementAndGet();
                    close(from, to);
                    return;
                }
                if (roll < rate) {
                    delays.incrementAndGet();
                    Thread.sleep(random.nextInt(120));
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            if (upstream) {
                to.shutdownOutput();
            } else {
                close(from, to);
            }
        } catch (IOException | InterruptedException e) {
            close(from, to);
        }
    }

    private static void close(Socket a, Socket b) {
        try {
            a.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            b.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    String summary() {
        return "seed " + seed + ": " + connections.get() + " connections, " + cutsMidRequest.get() + " cut mid-request, "
                + cutsAfterAnswer.get() + " cut after the answer, " + delays.get() + " delayed chunks";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
