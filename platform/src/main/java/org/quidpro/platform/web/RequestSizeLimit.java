package org.quidpro.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits request bodies to {@code quidpro.web.max-request-size}. A body that declares a larger
 * Content-Length is refused with 413 problem+json before anything reads it; a chunked body is counted as
 * it is read and fails (400, naming the body) once it passes the limit.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/problem+json");
            byte[] problem = ("{\"type\":\"urn:quidpro:problem:too-large\",\"title\":\"Request too large\","
                    + "\"status\":413,\"detail\":\"request bodies are limited to " + maxBytes + " bytes\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(problem.length);
            response.getOutputStream().write(problem);
            return;
        }
        chain.doFilter(declared < 0 ? new Counted(request, maxBytes) : request, response);
    }

    /** A request whose body stops being readable past the limit. */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new DelegatingServletInputStream(super.getInputStream()) {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = body.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = body.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > maxBytes) {
                            throw new IOException("request body larger than " + maxBytes + " bytes");
                        }
                    }
                };
            }
            return stream;
        }
    }
}
