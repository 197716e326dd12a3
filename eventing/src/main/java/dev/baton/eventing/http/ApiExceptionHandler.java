package dev.baton.eventing.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiException exception) {
        return HttpResponse.<Problem>status(exception.status())
                .contentType(Problem.MEDIA_TYPE)
                .body(exception.toProblem(request.getPath()));
    }
}
