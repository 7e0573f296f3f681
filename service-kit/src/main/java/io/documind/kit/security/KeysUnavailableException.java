package io.documind.kit.security;

/**
 * No key set could be obtained from the issuer yet (it is down or unreachable): a token cannot be checked either
 * way, so the caller gets 503 and should retry, rather than a 401 that would wrongly call its token bad.
 */
public class KeysUnavailableException extends TokenCheckUnavailableException {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
