// kplay stub: only the name and the message matter to AdminUtils.
package org.apache.kafka.common.errors;

public class InvalidPartitionsException extends RuntimeException {
    public InvalidPartitionsException(String message) { super(message); }
}
