package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Everything no route group claims: 404 in the API's error shape. */
final class UnknownRoute extends RouteHandler {

    UnknownRoute(ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
    }

    @Override
    void route(ApiExchange exchange) {
        throw notFound();
    }
}
