package org.quidpro.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies declared larger than {@code quidpro.web.max-request-size} with 413 and a
 * problem+json body, before anything reads them.
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
        if (declared > maxBytes || (declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))
                && maxBytes < Long.MAX_VALUE && !isBodyless(request))) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/problem+json");
            byte[] problem = ("{\"type\":\"urn:quidpro:problem:too-large\",\"title\":\"Request too large\","
                    + "\"status\":413,\"detail\":\"request bodies are limited to " + maxBytes
                    + " bytes and must declare their Content-Length\"}").getBytes(StandardCharsets.UTF_8);
            response.setContentLength(problem.length);
            response.getOutputStream().write(problem);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isBodyless(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }
}
