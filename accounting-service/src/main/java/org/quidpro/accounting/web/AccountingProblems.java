package org.quidpro.accounting.web;

import java.net.URI;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.platform.web.ProblemResponses;
import org.quidpro.platform.web.ProblemResponses.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A request the rules refuse: 422, each reason with its field; nothing was stored. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountingProblems {

    static final URI REJECTED = URI.create("urn:quidpro:problem:rejected");

    @ExceptionHandler(Rejected.class)
    ResponseEntity<Object> rejected(Rejected rejected) {
        return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, REJECTED, "Rejected", rejected.getMessage(),
                rejected.violations().stream().map(v -> new FieldError(v.field(), v.reason())).toList());
    }
}
