package io.persona.bench;

import io.persona.avro.CustomerProfile;
import io.persona.config.PersonaConfig;
import io.persona.config.StreamsProperties;
import io.persona.topology.StoreNames;
import io.persona.topology.Topics;
import io.persona.topology.WholeTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the profiles cost at rest (RocksDB files plus changelog bytes, per profile) and how fast they come back: the
 * profile store's restore rate against a plain consume of its changelog.
 */
final class StateFootprint {
  /**
   * @param latestBytes keys and values of the latest profiles: what a flushed store and a compacted changelog hold
   * @param rocksDbBytes the store's files now (recent writes may still sit in memory)
   * @param changelogBytes the changelog now, every version not yet compacted away
   */
  record Size(long profiles, long latestBytes, long rocksDbBytes, long changelogBytes) {
    double bytesPerProfile() {
      return profiles == 0 ? 0 : (double) latestBytes / profiles;
    }
  }

  record Restore(long records, double restoreSeconds, double consumeSeconds) {
    double ratio() {
      return restoreSeconds == 0 ? 0 : consumeSeconds / restoreSeconds;
    }
  }

  private StateFootprint() {}

  static String changelog(PersonaConfig config) {
    return config.applicationId() + "-" + StoreNames.CUSTOMER_PROFILES + "-changelog";
  }

  /** Measured on a running instance that owns every partition, after it has drained its input. */
  static Size size(KafkaStreams streams, PersonaConfig config, Admin admin)
      throws ExecutionException, InterruptedException {
    ReadOnlyKeyValueStore<String, CustomerProfile> store = streams.store(StoreQueryParameters.fromNameAndType(
        StoreNames.CUSTOMER_PROFILES, QueryableStoreTypes.<String, CustomerProfile>keyValueStore()));
    long profiles = 0;
    long latest = 0;
    try (KeyValueIterator<String, CustomerProfile> all = store.all()) {
      while (all.hasNext()) {
        var profile = all.next();
        profiles++;
        latest += profile.key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + Topics.CUSTOMER_PROFILES.valueSerde().encode(profile.value).length;
      }
    }
    return new Size(profiles, latest, directoryBytes(config.stateDir(), StoreNames.CUSTOMER_PROFILES),
        topicBytes(admin, changelog(config)));
  }

  /** Restores every store of {@code topology} into an empty state directory; times the profile store's part. */
  static Restore restore(Topology topology, PersonaConfig config, Path emptyStateDir) throws Exception {
    Properties props = StreamsProperties.of(config);
    props.put(StreamsConfig.STATE_DIR_CONFIG, emptyStateDir.toString());
    long[] window = {Long.MAX_VALUE, 0};
    long[] restored = {0};
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.setGlobalStateRestoreListener(new StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
          if (store.equals(StoreNames.CUSTOMER_PROFILES)) {
            synchronized (window) {
              window[0] = Math.min(window[0], System.nanoTime());
            }
          }
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
          if (store.equals(StoreNames.CUSTOMER_PROFILES)) {
            synchronized (window) {
              restored[0] += count;
            }
          }
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long total) {
          if (store.equals(StoreNames.CUSTOMER_PROFILES)) {
            synchronized (window) {
              window[1] = Math.max(window[1], System.nanoTime());
            }
          }
        }
      });
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(50);
      }
    }
    double restoreSeconds = window[1] > window[0] ? (window[1] - window[0]) / 1e9 : 0;
    return new Restore(restored[0], restoreSeconds, consumeSeconds(config));
  }

  /** A plain read_committed consume of the changelog, start to end: the fastest the bytes can come back. */
  private static double consumeSeconds(PersonaConfig config) {
    String topic = changelog(config);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = WholeTopic.assign(consumer, topic);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long start = System.nanoTime();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(100));
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static long topicBytes(Admin admin, String topic) throws ExecutionException, InterruptedException {
    long bytes = 0;
    var brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
    for (var dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
      for (var dir : dirs.values()) {
        for (var replica : dir.replicaInfos().entrySet()) {
          if (replica.getKey().topic().equals(topic)) {
            bytes += replica.getValue().size();
          }
        }
      }
    }
    return bytes;
  }

  private static long directoryBytes(Path root, String storeName) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().contains("/" + storeName + "/") && Files.isRegularFile(p))
          .mapToLong(p -> {
            try {
              return Files.size(p);
            } catch (IOException e) {
              return 0; // a file RocksDB removed while we walked
            }
          }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
