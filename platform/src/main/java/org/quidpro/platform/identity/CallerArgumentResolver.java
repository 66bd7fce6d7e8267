package org.quidpro.platform.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/**
 * Gives controller methods a {@link Caller} parameter, read from the identity headers the gateway sets
 * after it has authenticated the request. When a gateway secret is configured
 * ({@code quidpro.gateway.secret}), identity headers count only with that secret beside them, so a
 * client that reaches a service directly cannot claim an identity; the Kubernetes NetworkPolicy admits
 * only the gateway as a second line. Without a secret (local run, tests) the headers are taken as they are.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final byte[] gatewaySecret;

    public CallerArgumentResolver(String gatewaySecret) {
        this.gatewaySecret = gatewaySecret == null || gatewaySecret.isBlank() ? null
                : gatewaySecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return resolve(request.getHeader(Caller.ROLE_HEADER), request.getHeader(Caller.PEER_HEADER),
                request.getHeader(Caller.GATEWAY_SECRET_HEADER));
    }

    Caller resolve(String role, String peer, String secret) {
        if (role == null || role.isBlank()) {
            return Caller.anonymous();
        }
        if (gatewaySecret != null && (secret == null
                || !MessageDigest.isEqual(gatewaySecret, secret.getBytes(StandardCharsets.UTF_8)))) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "identity headers are accepted from the gateway only");
        }
        Caller.Role parsed;
        try {
            parsed = Caller.Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "unknown role " + role);
        }
        if (parsed == Caller.Role.PEER) {
            if (peer == null || peer.isBlank()) {
                throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "a peer caller needs " + Caller.PEER_HEADER);
            }
            return Caller.peer(peer.trim());
        }
        return new Caller(parsed, Optional.empty());
    }
}
