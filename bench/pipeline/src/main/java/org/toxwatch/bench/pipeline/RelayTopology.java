package org.toxwatch.bench.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.toxwatch.bench.pipeline.load.LabProducer;
import org.toxwatch.bench.pipeline.measure.Drain;
import org.toxwatch.bench.pipeline.measure.UsageLedger;
import org.toxwatch.bench.pipeline.relay.RelayProcess;

/**
 * The limit: ToxWatch's topology with every service replaced by a relay that does no work, on the same broker, on
 * topics of their own ({@value #PREFIX}*) with the partitions of the topics they stand in for.
 */
final class RelayTopology implements Topology {

    static final String PREFIX = "bench.relay.";
    private static final List<Drain.Hop> HOPS = List.of(
            new Drain.Hop("relay for lab-ingest", "bench-relay-lab-ingest", PREFIX + "lab.observations.fhir.v1"),
            new Drain.Hop("relay for toxicity-grader", "bench-relay-toxicity-grader", PREFIX + "lab.observations.normalized.v1"),
            new Drain.Hop("relay for dose-advisor", "bench-relay-dose-advisor", PREFIX + "ae.graded.v1"));
    private static final String ALERTS = PREFIX + "dose.alerts.v1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final String bootstrapServers;
    private final Path logDir;
    private final List<String> jvmOptions;
    private final RelayProcess[] relays = new RelayProcess[HOPS.size()];
    private final List<Path> logs = new ArrayList<>();

    private RelayTopology(String bootstrapServers, Path logDir, List<String> jvmOptions) {
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.jvmOptions = jvmOptions;
    }

    /** Creates the relay topics like the originals (partition counts) and starts the three relays. */
    static RelayTopology start(String bootstrapServers, Path logDir, List<String> jvmOptions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> originals = List.of("lab.observations.fhir.v1", "lab.observations.normalized.v1", "ae.graded.v1",
                    "dose.alerts.v1");
            var described = admin.describeTopics(originals).allTopicNames().get();
            List<NewTopic> topics = originals.stream()
                    .map(t -> new NewTopic(PREFIX + t, described.get(t).partitions().size(), (short) 1)).toList();
            admin.createTopics(topics).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the relay topics", e.getCause());
        }
        RelayTopology topology = new RelayTopology(bootstrapServers, logDir, jvmOptions);
        for (int hop = 0; hop < HOPS.size(); hop++) {
            topology.startRelay(hop);
        }
        for (RelayProcess relay : topology.relays) {
            relay.awaitAssigned(START_TIMEOUT);
        }
        return topology;
    }

    private RelayProcess startRelay(int hop) {
        Drain.Hop h = HOPS.get(hop);
        String to = hop + 1 < HOPS.size() ? HOPS.get(hop + 1).topic() : ALERTS;
        String name = "relay-" + h.group().substring("bench-relay-".length()) + (relays[hop] == null ? "" : "-restarted");
        relays[hop] = RelayProcess.start(name, bootstrapServers, h.topic(), to, h.group(), logDir, jvmOptions);
        logs.add(relays[hop].log());
        return relays[hop];
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public String labTopic() {
        return HOPS.get(0).topic();
    }

    @Override
    public String alertTopic() {
        return ALERTS;
    }

    @Override
    public List<Drain.Hop> hops() {
        return HOPS;
    }

    @Override
    public void stopFirstHop() {
        relays[0].close();
    }

    @Override
    public void startFirstHop() {
        startRelay(0).awaitAssigned(START_TIMEOUT);
    }

    /** A relay passes the lab record's headers on, index included. */
    @Override
    public ToLongFunction<ConsumerRecord<String, String>> alertCause() {
        return record -> {
            Header index = record.headers().lastHeader(LabProducer.INDEX_HEADER);
            return index == null ? -1 : Long.parseLong(new String(index.value(), StandardCharsets.US_ASCII));
        };
    }

    @Override
    public Persisted persisted(long published) {
        try (Drain drain = new Drain(bootstrapServers)) {
            long alerts = drain.endOffsets(ALERTS);
            return new Persisted(alerts >= published, String.format(
                    "committed offsets: every relay group at its topic's end (%s); %,d records on %s for %,d published "
                            + "(relays store nothing, so no rows)", drain.progress(HOPS).describe(HOPS), alerts, ALERTS,
                    published));
        }
    }

    @Override
    public void track(UsageLedger ledger) {
        for (int hop = 0; hop < HOPS.size(); hop++) {
            int h = hop;
            ledger.track(HOPS.get(hop).name(), () -> relays[h].pid());
        }
    }

    @Override
    public void killProcesses() {
        for (RelayProcess relay : relays) {
            relay.kill();
        }
    }

    @Override
    public void startProcesses() {
        for (int hop = 0; hop < HOPS.size(); hop++) {
            startRelay(hop);
        }
        for (RelayProcess relay : relays) {
            relay.awaitAssigned(START_TIMEOUT);
        }
    }

    @Override
    public void stopProcesses() {
        for (RelayProcess relay : relays) {
            relay.close();
        }
    }

    @Override
    public List<Path> logs() {
        return List.copyOf(logs);
    }

    @Override
    public void close() {
        stopProcesses();
    }
}
