package org.quidpro.gateway.routing.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.quidpro.gateway.routing.CallDeadlines;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Spring Cloud Gateway's proxy exchange, except that a service's answer of declared length (up to
 * {@value #WHOLE_UP_TO} bytes) is relayed as one array of exactly that size. The inherited copy goes through a
 * fresh 16 KiB buffer per answer; with the request body's twin ({@code Forwarded} in the identity filter)
 * those buffers were a third of everything the gateway allocated per call. Answers of unknown or larger size,
 * and streamed ones, are copied as before; each piece read of them is progress of the call ({@link CallDeadlines}),
 * so a long answer is limited by the service's silence, not by its length.
 */
public final class WholeBodyProxyExchange extends RestClientProxyExchange {

    /** Larger answers are streamed: the gateway never holds more than this of one answer at once. */
    public static final int WHOLE_UP_TO = 64 * 1024;

    private final CallDeadlines deadlines;

    public WholeBodyProxyExchange(RestClient client, GatewayMvcProperties properties, CallDeadlines deadlines) {
        super(client, properties);
        this.deadlines = deadlines;
    }

    @Override
    protected int copyResponseBody(ClientHttpResponse response, InputStream in, OutputStream out) throws IOException {
        long declared = response.getHeaders().getContentLength();
        if (declared < 0 || declared > WHOLE_UP_TO) {
            return super.copyResponseBody(response, deadlines.progressing(in), out);
        }
        byte[] body = new byte[(int) declared];
        // Reading up to the end, as the inherited copy does, also hands the connection back to the pool at once.
        if (in.readNBytes(body, 0, body.length) < declared || in.read() >= 0) {
            throw new IOException("the service's answer did not have its declared length of " + declared + " bytes");
        }
        out.write(body);
        return body.length;
    }
}
