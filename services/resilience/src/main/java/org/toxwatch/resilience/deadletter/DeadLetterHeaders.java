package org.toxwatch.resilience.deadletter;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The headers of a dead letter, as SmallRye's dead-letter-queue failure strategy writes them (contracts/asyncapi.yaml,
 * DeadLetterHeaders): why (the failure's class and message, its cause's when it has one), where the input was read
 * (topic, partition, offset), then the input's own headers. A consumer that reads a batch at a time acknowledges the
 * batch as a whole, so it writes its refused records itself, with these.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";

    private DeadLetterHeaders() {
    }

    public static Headers of(Throwable reason, String topic, int partition, long offset, Headers original) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        add(headers, REASON, message(reason));
        if (reason.getCause() != null) {
            add(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
            add(headers, "dead-letter-cause", message(reason.getCause()));
        }
        add(headers, "dead-letter-topic", topic);
        add(headers, "dead-letter-partition", Integer.toString(partition));
        add(headers, "dead-letter-offset", Long.toString(offset));
        if (original != null) {
            for (Header header : original) {
                headers.add(header);
            }
        }
        return headers;
    }

    /** The dead letter of a record read from Kafka: its key and value untouched, with the headers above. */
    public static Message<String> deadLetterOf(IncomingKafkaRecord<String, String> record, Throwable reason) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata
                .<String>builder().withHeaders(of(reason, record.getTopic(), record.getPartition(), record.getOffset(),
                        record.getHeaders()));
        if (record.getKey() != null) {
            metadata = metadata.withKey(record.getKey());
        }
        return Message.of(record.getPayload()).addMetadata(metadata.build());
    }

    private static String message(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
