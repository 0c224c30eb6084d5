package org.toxwatch.bench.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.toxwatch.bench.pipeline.measure.Drain;
import org.toxwatch.bench.pipeline.measure.UsageLedger;

/**
 * One of the two pipelines measured side by side: ToxWatch's three services, or three relays that do no work. Both
 * take FHIR Observations on their lab topic and end on their alert topic, through three consumer groups.
 */
interface Topology extends AutoCloseable {

    String name();

    String labTopic();

    String alertTopic();

    /** The consumer groups in pipeline order, each with the topic it reads. */
    List<Drain.Hop> hops();

    /** Stops the first hop, so that a backlog can be published before it starts again. */
    void stopFirstHop();

    /** Starts the first hop again and returns once it is consuming (ready, or owning partitions). */
    void startFirstHop();

    /** The cohort index of the observation an alert record was caused by, or -1. */
    ToLongFunction<ConsumerRecord<String, String>> alertCause();

    /**
     * Once every group has caught up: whether everything published so far is also persisted, and what was checked
     * with which figures. {@code published} counts every observation published on the lab topic.
     */
    Persisted persisted(long published);

    record Persisted(boolean complete, String checked) {
    }

    /** Registers its processes (and the shared ones it knows of) for CPU and memory figures. */
    void track(UsageLedger ledger);

    /**
     * Kills every hop (SIGKILL): nothing in flight is committed or dead-lettered, so their groups' offsets can then be
     * moved past a backlog. (A graceful stop with a backlog makes the services dead-letter what they had fetched.)
     */
    void killProcesses();

    /** Starts every hop stopped by {@link #stopProcesses()} or {@link #killProcesses()} again and returns once all are consuming. */
    void startProcesses();

    /** Stops its own processes; the broker stays up for the next topology. */
    void stopProcesses();

    /** Logs worth keeping with the results. */
    List<Path> logs();

    @Override
    void close();
}
