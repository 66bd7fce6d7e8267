package org.quidpro.gateway.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.gateway.identity.ApiKeys;
import org.quidpro.gateway.ratelimit.RateLimits;
import org.quidpro.gateway.routing.CallDeadlines;
import org.quidpro.gateway.routing.web.HttpClientProxyExchange;
import org.quidpro.platform.identity.Caller;
import org.quidpro.platform.web.DelegatingServletInputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is calling, for every request through the gateway: a peer by its bearer token, an analyst or operator
 * by API key ({@code X-Api-Key}), else anonymous. A bad token or key is a 401. Rate limits: per client
 * address always (checked first), per peer too. Last, the request is forwarded with the identity the gateway
 * established and nothing else: identity headers a client sent are removed, the verified ones (and the
 * gateway's secret) set, so a service behind it can trust them.
 */
public class IdentityFilter extends OncePerRequestFilter {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String IDENTITY_PREFIX = "x-quidpro-";

    private final Tokens tokens;
    private final ApiKeys apiKeys;
    private final RateLimits perPeer;
    private final RateLimits perAddress;
    private final String secret;
    private final CallDeadlines deadlines;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public IdentityFilter(Tokens tokens, ApiKeys apiKeys, RateLimits perPeer, RateLimits perAddress, String secret,
            CallDeadlines deadlines, Clock clock) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.perPeer = perPeer;
        this.perAddress = perAddress;
        this.secret = secret == null ? "" : secret;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The address limit first: a flood of forged tokens from one address is refused before any
        // signature is checked.
        OptionalLong wait = perAddress.take(request.getRemoteAddr());
        if (wait.isPresent()) {
            tooMany(response, wait.getAsLong());
            return;
        }
        Caller caller;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                problem(response, 401, "Unauthorized", "Authorization: Bearer <token from /v1/auth/tokens>", null);
                return;
            }
            var verified = tokens.verify(authorization.substring(7).strip(), clock.instant());
            if (verified.isEmpty()) {
                problem(response, 401, "Unauthorized", "the token is invalid or expired: sign in again", null);
                return;
            }
            caller = Caller.peer(verified.get().peerId());
        } else if (apiKey != null) {
            var entry = apiKeys.find(apiKey);
            if (entry.isEmpty()) {
                problem(response, 401, "Unauthorized", "unknown API key", null);
                return;
            }
            caller = Caller.of(entry.get().role() == ApiKeys.Role.OPERATOR ? Caller.Role.OPERATOR : Caller.Role.ANALYST);
        } else {
            caller = Caller.anonymous();
        }
        if (caller.peerId().isPresent()) {
            wait = perPeer.take(caller.peerId().get());
            if (wait.isPresent()) {
                tooMany(response, wait.getAsLong());
                return;
            }
        }
        chain.doFilter(new Forwarded(request, identity(caller), deadlines), response);
    }

    private Map<String, String> identity(Caller caller) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (caller.role() != Caller.Role.ANONYMOUS) {
            headers.put(Caller.ROLE_HEADER, caller.role().name().toLowerCase(Locale.ROOT));
            caller.peerId().ifPresent(id -> headers.put(Caller.PEER_HEADER, id));
            headers.put(Caller.GATEWAY_SECRET_HEADER, secret);
        }
        return headers;
    }

    private void tooMany(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        problem(response, 429, "Too Many Requests", "rate limit reached; retry after " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    private void problem(HttpServletResponse response, int status, String title, String detail, Long retryAfter)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        if (status == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.getWriter().write(json.writeValueAsString(Map.of("type", "about:blank", "title", title,
                "status", status, "detail", detail)));
    }

    /**
     * The client's request without its identity headers, with the gateway's instead. Its body, when its length
     * is declared and at most {@link HttpClientProxyExchange#WHOLE_UP_TO}, is handed on as one array of that size
     * rather than through a fresh 16 KiB buffer per call; a larger one is streamed, each piece read being progress
     * of the call ({@link CallDeadlines}), so that a long upload is limited by the client's silence, not its length.
     */
    static final class Forwarded extends HttpServletRequestWrapper {

        private final Map<String, String> identity;
        private final CallDeadlines deadlines;

        Forwarded(HttpServletRequest request, Map<String, String> identity, CallDeadlines deadlines) {
            super(request);
            this.identity = identity;
            this.deadlines = deadlines;
        }

        // Asked for every header name by the proxy's header filters: compared in place, no lower-cased copy.
        private static boolean identityHeader(String name) {
            return name.regionMatches(true, 0, IDENTITY_PREFIX, 0, IDENTITY_PREFIX.length());
        }

        private String own(String name) {
            for (var header : identity.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }

        @Override
        public String getHeader(String name) {
            return identityHeader(name) ? own(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (identityHeader(name)) {
                String value = own(name);
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!identityHeader(name) && !name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                        && !name.equalsIgnoreCase(API_KEY_HEADER)) {
                    names.add(name);
                }
            }
            names.addAll(identity.keySet());
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return new WholeBody(super.getInputStream(), getContentLengthLong(), deadlines);
        }
    }

    /**
     * A request body that copies itself onwards in one piece when its declared length is small enough, and
     * otherwise streams, each piece being progress of the call.
     */
    static final class WholeBody extends DelegatingServletInputStream {

        private final long declared;
        private final CallDeadlines deadlines;

        WholeBody(ServletInputStream body, long declared, CallDeadlines deadlines) {
            super(body);
            this.declared = declared;
            this.deadlines = deadlines;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            if (declared < 0 || declared > HttpClientProxyExchange.WHOLE_UP_TO) {
                return deadlines.progressing(body).transferTo(out); // how the proxy relays it (StreamUtils.copy)
            }
            byte[] whole = new byte[(int) declared];
            int read = body.readNBytes(whole, 0, whole.length);
            out.write(whole, 0, read);
            return read;
        }
    }
}
