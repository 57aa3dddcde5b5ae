package com.instainstru.loadtest.jmeter.http;

/**
 * What to run when OkHttp starts writing a request (its "request headers start" event), carried as the
 * request's tag so that the shared client's {@link SampleTimingListener} can find it.
 */
record RequestStartHook(Runnable action) {
}
