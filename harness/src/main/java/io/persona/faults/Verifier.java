package io.persona.faults;

import io.persona.avro.CustomerProfile;
import io.persona.avro.OfferKpi;
import io.persona.avro.PersonalizedOffer;
import io.persona.cli.GroupProgress;
import io.persona.faults.FaultWorkload.Input;
import io.persona.faults.Publisher.Position;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks what a fault run left on the broker against the {@link Oracle}, the way Kafka's own exactly-once system tests
 * do: the group is empty and has committed all of its input; every output read with read_committed up to its end
 * holds each expected offer once and nothing else, and each customer's latest profile equals the oracle's (published
 * by the learning app from the engine's changelog); the offers' KPIs, counted by the learning app, count each send
 * once; the dead letters hold each malformed record once, byte for byte, with its source; no transaction is left
 * open.
 */
final class Verifier {
  static final List<String> INPUTS = List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name());
  private static final List<String> OUTPUTS = List.of(Topics.PERSONALIZED_OFFERS.name(),
      Topics.OFFER_OUTCOMES.name(), Topics.CUSTOMER_PROFILES.name(), Topics.OFFER_KPIS.name(), Topics.DEAD_LETTER);

  /** Everything measured; {@link #exactlyOnce()} is the verdict. */
  record Result(String groupState, long inputLag, int expectedOffers, long offerRecords, int distinctOffers,
      long duplicateOffers, long missingOffers, long unexpectedOffers, int expectedProfiles, long equalProfiles,
      long differingProfiles, long missingProfiles, int expectedDeadLetters, long deadLetters,
      long deadLettersMatched, long openTransactionPartitions, long committedRecords, long uncommittedRecords,
      long countedSends) {

    boolean exactlyOnce() {
      return groupEmpty() && inputLag == 0 && duplicateOffers == 0 && missingOffers == 0 && unexpectedOffers == 0
          && countedSends == expectedOffers
          && differingProfiles == 0 && missingProfiles == 0 && deadLetters == expectedDeadLetters
          && deadLettersMatched == expectedDeadLetters && openTransactionPartitions == 0;
    }

    boolean groupEmpty() {
      return groupState.equals("EMPTY") || groupState.equals("DEAD");
    }

    /**
     * Records that transactions wrote and then aborted, in the outputs, changelogs and repartition topics: what
     * read_uncommitted sees beyond read_committed.
     */
    long abortedRecords() {
      return uncommittedRecords - committedRecords;
    }
  }

  private final String bootstrap;
  private final String groupId;

  Verifier(String bootstrap, String groupId) {
    this.bootstrap = bootstrap;
    this.groupId = groupId;
  }

  Result verify(Oracle oracle, Map<Position, Input> pillPositions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      String state = groupState(admin);
      long lag = inputLag(admin);
      long open = openTransactionPartitions(admin);

      Map<String, Integer> offerCounts = new HashMap<>();
      long[] offerRecords = {0};
      read(Topics.PERSONALIZED_OFFERS.name(), IsolationLevel.READ_COMMITTED, record -> {
        PersonalizedOffer offer = Topics.PERSONALIZED_OFFERS.valueSerde().decode(record.value());
        offerCounts.merge(offer.getOfferEventId(), 1, Integer::sum);
        offerRecords[0]++;
      });
      long duplicates = offerRecords[0] - offerCounts.size();
      long missing = oracle.offerEventIds().stream().filter(id -> !offerCounts.containsKey(id)).count();
      long unexpected = offerCounts.keySet().stream().filter(id -> !oracle.offerEventIds().contains(id)).count();

      Map<String, byte[]> latestProfiles = new HashMap<>();
      read(Topics.CUSTOMER_PROFILES.name(), IsolationLevel.READ_COMMITTED,
          record -> latestProfiles.put(new String(record.key(), StandardCharsets.UTF_8), record.value()));
      long equal = 0;
      long differing = 0;
      long missingProfiles = 0;
      for (Map.Entry<String, CustomerProfile> expected : oracle.profiles().entrySet()) {
        byte[] actual = latestProfiles.get(expected.getKey());
        if (actual == null) {
          missingProfiles++;
        } else if (Topics.CUSTOMER_PROFILES.valueSerde().decode(actual).equals(expected.getValue())) {
          equal++;
        } else {
          differing++;
        }
      }

      Map<String, OfferKpi> latestKpis = new HashMap<>();
      read(Topics.OFFER_KPIS.name(), IsolationLevel.READ_COMMITTED, record -> latestKpis.put(
          new String(record.key(), StandardCharsets.UTF_8), Topics.OFFER_KPIS.valueSerde().decode(record.value())));
      long countedSends = latestKpis.values().stream().mapToLong(kpi -> kpi.getTreatment().getDecisions()).sum();

      List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
      read(Topics.DEAD_LETTER, IsolationLevel.READ_COMMITTED, deadLetters::add);
      long matched = deadLetters.stream().filter(record -> matches(record, pillPositions)).count();

      long committed = 0;
      long uncommitted = 0;
      for (String topic : writtenTopics(admin)) {
        committed += count(topic, IsolationLevel.READ_COMMITTED);
        uncommitted += count(topic, IsolationLevel.READ_UNCOMMITTED);
      }
      return new Result(state, lag, oracle.offerEventIds().size(), offerRecords[0], offerCounts.size(), duplicates,
          missing, unexpected, oracle.profiles().size(), equal, differing, missingProfiles, oracle.pills().size(),
          deadLetters.size(), matched, open, committed, uncommitted, countedSends);
    }
  }

  /** The input offsets the group has committed, summed over partitions. */
  long committedInput(Admin admin) throws ExecutionException, InterruptedException {
    return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
        .filter(e -> INPUTS.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /** The records of the input topics the group has not committed past. */
  long inputLag(Admin admin) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : WholeTopic.endOffsets(admin, INPUTS, IsolationLevel.READ_UNCOMMITTED).entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      lag += end.getValue() - (at == null ? 0 : at.offset());
    }
    return lag;
  }

  /** Records of any partition the group reads (inputs and repartition topics) that it has not committed past. */
  long unsettled(Admin admin, boolean transactional) throws ExecutionException, InterruptedException {
    return GroupProgress.unsettled(admin, groupId, topic -> transactional && !INPUTS.contains(topic));
  }

  String groupState(Admin admin) throws ExecutionException, InterruptedException {
    GroupState state = admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).groupState();
    return state.name().toUpperCase(Locale.ROOT);
  }

  /** Every topic the app writes in its transactions: the outputs, and its changelogs and repartition topics. */
  private List<String> writtenTopics(Admin admin) throws ExecutionException, InterruptedException {
    List<String> topics = new ArrayList<>(OUTPUTS);
    admin.listTopics().names().get().stream().filter(name -> name.startsWith(groupId + "-")).sorted()
        .forEach(topics::add);
    return topics;
  }

  /** Partitions the app writes whose last stable offset trails their end: a transaction still open there. */
  private long openTransactionPartitions(Admin admin) throws ExecutionException, InterruptedException {
    List<String> written = writtenTopics(admin);
    Map<TopicPartition, Long> stable = WholeTopic.endOffsets(admin, written, IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> end = WholeTopic.endOffsets(admin, written, IsolationLevel.READ_UNCOMMITTED);
    return end.entrySet().stream().filter(e -> stable.get(e.getKey()) < e.getValue()).count();
  }

  /** A dead letter matches when its source headers point at a malformed record and its bytes are that record's. */
  private static boolean matches(ConsumerRecord<byte[], byte[]> record, Map<Position, Input> pills) {
    String topic = header(record, "__streams.errors.topic");
    String partition = header(record, "__streams.errors.partition");
    String offset = header(record, "__streams.errors.offset");
    if (topic == null || partition == null || offset == null) {
      return false;
    }
    Input pill = pills.get(new Position(topic, Integer.parseInt(partition), Long.parseLong(offset)));
    return pill != null && Arrays.equals(pill.key(), record.key())
        && Arrays.equals(emptyIfNull(pill.value()), emptyIfNull(record.value()));
  }

  private static byte[] emptyIfNull(byte[] bytes) {
    return bytes == null ? new byte[0] : bytes;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private long count(String topic, IsolationLevel isolation) {
    long[] records = {0};
    read(topic, isolation, record -> records[0]++);
    return records[0];
  }

  /** Every record of {@code topic} up to its end offset as seen with {@code isolation}. */
  private void read(String topic, IsolationLevel isolation, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      WholeTopic.readToEnd(consumer, topic, each);
    }
  }
}
