package org.quidpro.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/** A request body that passes every call to the one it wraps; subclasses change what they need. */
public class DelegatingServletInputStream extends ServletInputStream {

    protected final ServletInputStream body;

    public DelegatingServletInputStream(ServletInputStream body) {
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        return body.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return body.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
        return body.isFinished();
    }

    @Override
    public boolean isReady() {
        return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        body.setReadListener(listener);
    }
}
