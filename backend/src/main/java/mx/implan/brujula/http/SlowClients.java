package mx.implan.brujula.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/**
 * Makes {@code quarkus.http.idle-timeout} (a connection on which nothing moves for that long is
 * closed) mean the right thing in each phase of an HTTP/1.x exchange:
 * <ul>
 *   <li>the body stopped coming: 408 {@code REQUEST_TIMEOUT} in the path's error format, then the
 *       connection is closed — instead of a worker blocked on the read until
 *       {@code quarkus.http.read-timeout} and a connection closed without an answer;</li>
 *   <li>the body is complete and the server is still working on the answer: no timeout (that wait
 *       is the server's, not the client's), nor while the server itself holds the body back;</li>
 *   <li>between requests, or while a request head is incomplete: closed, as Vert.x does (a request
 *       that has not been read has no path, hence no format; Vert.x offers no hook there).</li>
 * </ul>
 * Works by placing a handler in front of Vert.x's in the connection's pipeline, where the idle
 * events pass; Vert.x exposes the channel only through its internal {@code ConnectionBase}, as
 * Quarkus's own blocking body reader uses it.
 */
@ApplicationScoped
public class SlowClients {

    /** Before the body limit and everything that reads the body. */
    static final int ROUTE_ORDER = BodyLimit.ROUTE_ORDER - 1;
    private static final String HANDLER = "brujula-slow-clients";

    @Inject
    Refusals refusals;

    void route(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (request.version() != HttpVersion.HTTP_2 && request.connection() instanceof ConnectionBase connection) {
                Guard guard = guardOf(connection.channel());
                if (guard != null) {
                    guard.current = ctx;
                    ctx.addEndHandler(done -> guard.finished(ctx));
                }
            }
            ctx.next();
        });
    }

    private Guard guardOf(Channel channel) {
        Guard guard = channel.pipeline().get(Guard.class);
        if (guard == null && channel.pipeline().get("handler") != null) {
            guard = new Guard(refusals);
            channel.pipeline().addBefore("handler", HANDLER, guard);
        }
        return guard;
    }

    /** Sees a connection's idle events before Vert.x does; runs on the connection's event loop. */
    static final class Guard extends ChannelInboundHandlerAdapter {

        private final Refusals refusals;
        /** The exchange in progress on this connection; null between requests. */
        private RoutingContext current;
        /** Whether the client has sent the whole of the last request (head and body). */
        private boolean requestComplete;

        Guard(Refusals refusals) {
            this.refusals = refusals;
        }

        void finished(RoutingContext ctx) {
            if (current == ctx) {
                current = null;
            }
        }

        /** Watches the decoded request pass: its head, then its body, ending with the last content. */
        @Override
        public void channelRead(ChannelHandlerContext channel, Object message) throws Exception {
            if (message instanceof HttpRequest) {
                requestComplete = false;
            }
            if (message instanceof LastHttpContent) {
                requestComplete = true;
            }
            super.channelRead(channel, message);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext channel, Object event) throws Exception {
            RoutingContext ctx = current;
            if (event instanceof IdleStateEvent && ctx != null && !ctx.response().headWritten()) {
                if (requestComplete || !channel.channel().config().isAutoRead()) {
                    return; // the server is working on the answer, or holding the body back itself
                }
                answer408(channel, ctx);
                return;
            }
            super.userEventTriggered(channel, event);
        }

        /**
         * Written straight to the channel, past Vert.x's response: the worker blocked on the body
         * then fails on a closed connection, and whatever the REST layer answers to that goes nowhere
         * instead of clashing with a response already written.
         */
        private void answer408(ChannelHandlerContext channel, RoutingContext ctx) {
            ApiProblem problem = new ApiProblem(408, "REQUEST_TIMEOUT", "Request Timeout",
                    "The body stopped arriving ({0} bytes received)", ctx.request().bytesRead());
            RefusalFormat.Refusal refusal = refusals.render(ctx, problem);
            byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, refusal.contentType())
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
