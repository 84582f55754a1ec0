package io.qfgate.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON writer of the API's answers and the merchant notifications. */
final class Json {
    /**
     * Jackson keeps its write buffers per thread by default, and every request runs on a new
     * virtual thread, so each answer allocated fresh ones (a tenth of a request's garbage); this
     * pool is shared by all threads.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

    private Json() {}
}
