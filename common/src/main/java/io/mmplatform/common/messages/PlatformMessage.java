package io.mmplatform.common.messages;

/** A record that travels on one of the platform's topics. */
public interface PlatformMessage {
    /** The Kafka record key the design gives this message. */
    String key();
}
