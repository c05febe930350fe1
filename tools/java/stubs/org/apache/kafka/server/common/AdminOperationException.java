// kplay stub: only the name and the message matter to AdminUtils.
package org.apache.kafka.server.common;

public class AdminOperationException extends RuntimeException {
    public AdminOperationException(String message) { super(message); }
}
