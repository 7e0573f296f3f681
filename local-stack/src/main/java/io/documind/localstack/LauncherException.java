package io.documind.localstack;

/** A failure the launcher reports as one plain line (no stack trace) before exiting with status 1. */
final class LauncherException extends RuntimeException {

    LauncherException(String message) {
        super(message);
    }
}
