package org.quidpro.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** problem+json answers and a request size limit for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemResponses.class)
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(@Value("${quidpro.web.max-request-size:1MB}") DataSize max) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(max.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
