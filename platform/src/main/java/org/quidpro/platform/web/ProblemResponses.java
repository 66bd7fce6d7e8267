package org.quidpro.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every error answer is {@code application/problem+json} (RFC 9457). Bad input names the field and the
 * reason under {@code errors}; nothing about the server's insides leaks into a 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE) // a service's own advice, for its own exceptions, goes first
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    public static final URI BAD_INPUT = URI.create("urn:quidpro:problem:bad-input");

    /** One problem with one field of the request. */
    public record FieldError(String field, String reason) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return badInput("the request breaks " + errors.size() + " rule(s)", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldError(
                        field(result, error), error.getDefaultMessage())))
                .toList();
        return badInput("the request breaks " + errors.size() + " rule(s)", errors);
    }

    /**
     * Where a method-validation error is: a field of a validated body by its path ({@code requesters[0].peerId}),
     * else the parameter by name, with its index when the rule is on an element ({@code exclude[2]}).
     */
    private static String field(ParameterValidationResult result, MessageSourceResolvable error) {
        if (error instanceof org.springframework.validation.FieldError bodyField) {
            return bodyField.getField();
        }
        String parameter = result.getMethodParameter().getParameterName();
        return result.getContainerIndex() == null ? parameter : parameter + "[" + result.getContainerIndex() + "]";
    }

    /** Malformed JSON, wrong types, missing body: say where, without echoing internals. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return badInput("the request body cannot be read",
                    List.of(new FieldError(fieldPath(databind), databind.getOriginalMessage())));
        }
        String reason = ex.getCause() instanceof tools.jackson.core.JacksonException json ? json.getOriginalMessage()
                : "a JSON body is required";
        return badInput("the request body is not valid JSON", List.of(new FieldError("body", reason)));
    }

    /** The JSON path of the offending value, as {@code receipt.amount} or {@code items[2].hash}. */
    static String fieldPath(DatabindException databind) {
        StringBuilder path = new StringBuilder();
        for (var reference : databind.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
        return badInput("the request breaks " + errors.size() + " rule(s)", errors);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException ex) {
        return badInput(ex.getMessage(), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; it has been logged");
        return ResponseEntity.internalServerError().body(problem);
    }

    public static ResponseEntity<Object> badInput(String detail, List<FieldError> errors) {
        return problem(HttpStatus.BAD_REQUEST, BAD_INPUT, "Bad input", detail, errors);
    }

    /** A problem+json answer; {@code errors} lists what is wrong, field by field. */
    public static ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail,
            List<FieldError> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(status, type, title, detail, errors));
    }

    /** 503: something this service needs did not answer; the client may try again after {@code retryAfterSeconds}. */
    public static ResponseEntity<Object> unavailable(URI type, String detail, long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(detail(HttpStatus.SERVICE_UNAVAILABLE, type, "Service unavailable", detail, List.of()));
    }

    /** The problem document itself, for answers that are not built as a {@link ResponseEntity}. */
    public static ProblemDetail detail(HttpStatus status, URI type, String title, String detail,
            List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperties(Map.of("errors", errors));
        }
        return problem;
    }
}
