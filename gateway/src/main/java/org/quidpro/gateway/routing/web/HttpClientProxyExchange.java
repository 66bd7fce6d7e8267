package org.quidpro.gateway.routing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.quidpro.gateway.routing.CallDeadlines;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayServerResponse;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring Cloud Gateway's proxy exchange on Apache HttpClient 5 directly, rather than through Spring's
 * {@code RestClient}: a proxied call is one request of HttpClient's, with no request spec, no second copy of the
 * headers and no client observation per call (the routes' circuit breakers time every call already,
 * {@code resilience4j_circuitbreaker_calls_seconds}). Routing, predicates, filters and the header filters stay
 * Spring Cloud Gateway's.
 *
 * <p>Bodies of declared length up to {@value #WHOLE_UP_TO} bytes pass as one array of exactly that size, both
 * ways; larger ones and those of unknown length are streamed, each piece read being progress of the call
 * ({@link CallDeadlines}), so that a long body is limited by silence, not by its length. Answers of a streaming
 * media type (server-sent events) are flushed to the client piece by piece.
 */
public final class HttpClientProxyExchange implements ProxyExchange {

    /** Larger bodies are streamed: the gateway never holds more than this of one body at once. */
    public static final int WHOLE_UP_TO = 64 * 1024;
    private static final int PIECE = 16 * 1024;

    private final CloseableHttpClient client;
    private final CallDeadlines deadlines;
    private final List<MediaType> streamingMediaTypes;

    public HttpClientProxyExchange(CloseableHttpClient client, CallDeadlines deadlines,
            List<MediaType> streamingMediaTypes) {
        this.client = client;
        this.deadlines = deadlines;
        this.streamingMediaTypes = List.copyOf(streamingMediaTypes);
    }

    @Override
    public ServerResponse exchange(Request request) {
        URI uri = Objects.requireNonNull(request.getUri(), "no service URI resolved");
        BasicClassicHttpRequest call = new BasicClassicHttpRequest(request.getMethod().name(), uri);
        request.getHeaders().forEach((name, values) -> {
            // HttpClient frames the body itself, from the entity below.
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH) && !name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING)) {
                values.forEach(value -> call.addHeader(name, value));
            }
        });
        HttpServletRequest servlet = request.getServerRequest().servletRequest();
        try {
            if (!servlet.getInputStream().isFinished()) {
                call.setEntity(new ClientBody(servlet, request.getHeaders().getContentLength()));
            }
            return answer(request, client.executeOpen(null, call, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServerResponse answer(Request request, ClassicHttpResponse answer) {
        HttpHeaders headers = new HttpHeaders();
        for (Header header : answer.getHeaders()) {
            headers.add(header.getName(), header.getValue());
        }
        HttpStatusCode status = HttpStatusCode.valueOf(answer.getCode());
        ServerResponse response = GatewayServerResponse.status(status).build((servletRequest, servletResponse) -> {
            try (answer) {
                HttpEntity body = answer.getEntity();
                if (body != null) {
                    relay(body, headers, servletResponse.getOutputStream());
                }
            }
            return null;
        });
        Response relayed = new Response() {
            @Override
            public HttpStatusCode getStatusCode() {
                return status;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        request.getResponseConsumers().forEach(consumer -> consumer.accept(relayed, response));
        return response;
    }

    /**
     * Copies the service's answer to the client. Reading it to its end hands the connection back to the pool;
     * an answer not read to its end closes the connection when the response is closed.
     */
    private void relay(HttpEntity body, HttpHeaders headers, OutputStream out) throws IOException {
        long declared = body.getContentLength();
        try (InputStream in = body.getContent()) {
            if (declared >= 0 && declared <= WHOLE_UP_TO) {
                byte[] whole = new byte[(int) declared];
                if (in.readNBytes(whole, 0, whole.length) < declared || in.read() >= 0) {
                    throw new IOException("the service's answer did not have its declared length of " + declared + " bytes");
                }
                out.write(whole);
                return;
            }
            InputStream progressing = deadlines.progressing(in);
            if (!streaming(headers.getContentType())) {
                progressing.transferTo(out);
                return;
            }
            byte[] piece = new byte[PIECE];
            for (int read; (read = progressing.read(piece)) >= 0; ) {
                out.write(piece, 0, read);
                out.flush();
            }
        }
    }

    private boolean streaming(MediaType type) {
        return type != null && streamingMediaTypes.stream().anyMatch(type::equalsTypeAndSubtype);
    }

    /**
     * The client's body on its way to the service: of the length the client declared (else chunked), written
     * once, as it is read.
     */
    private static final class ClientBody extends AbstractHttpEntity {

        private final HttpServletRequest request;
        private final long length;

        ClientBody(HttpServletRequest request, long length) {
            super((String) null, null, length < 0);
            this.request = request;
            this.length = length;
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public InputStream getContent() throws IOException {
            return request.getInputStream();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            // The identity filter's body (IdentityFilter.WholeBody) relays itself in one piece or with progress.
            request.getInputStream().transferTo(out);
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public void close() {
            // the servlet container owns the client's stream
        }
    }
}
