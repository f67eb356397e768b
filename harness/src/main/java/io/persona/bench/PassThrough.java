package io.persona.bench;

import io.persona.topology.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The ceilings the engine is measured against: Streams apps that read clickstream and pos-transactions as bytes and
 * write them, unchanged, to {@value #SINK}.
 */
final class PassThrough {
  static final String SINK = "bench-pass-through";

  private PassThrough() {}

  /** Creates the sink, with as many partitions as the sources, unless it exists. */
  static void ensureSink(Admin admin, int partitions) throws ExecutionException, InterruptedException {
    if (!admin.listTopics().names().get().contains(SINK)) {
      admin.createTopics(List.of(new NewTopic(SINK, partitions, (short) 1))).all().get();
    }
  }

  /** Bytes in, bytes out, nothing in between. */
  static Topology plain() {
    StreamsBuilder builder = new StreamsBuilder();
    for (String topic : List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name())) {
      builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(topic + "-bench-source"))
          .peek((k, v) -> { }, Named.as(topic + "-bench-peek"))
          .to(SINK, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(topic + "-bench-sink"));
    }
    return builder.build();
  }

  /** The same, with one re-keying hop: the ceiling for any topology that must repartition, as identity does. */
  static Topology withRepartition() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of(Topics.CLICKSTREAM.name(), Topics.POS_TRANSACTIONS.name()),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-rekey-source"))
        .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-rekey"))
        .to(SINK, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-rekey-sink"));
    return builder.build();
  }
}
