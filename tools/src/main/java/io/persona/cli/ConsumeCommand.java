package io.persona.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.persona.emit.OutputSerdes;
import io.persona.serde.JsonAvro;
import io.persona.topology.Topic;
import io.persona.topology.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints a topic as JSON lines, from the beginning up to the end it had when the command started (or on, with
 * {@code --follow}). Reads only committed transactions, as the email and ad services do. Offers are read in whichever
 * output format wrote them. The dead-letter topic is printed with its headers and the original bytes in base64.
 */
@Command(name = "consume", description = "Print a topic as JSON lines (read_committed).")
public final class ConsumeCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--topic", required = true, description = "Topic to read; also '" + Topics.DEAD_LETTER + "'.")
  String topicName;

  @Option(names = "--max", description = "Stop after this many records.")
  long max = Long.MAX_VALUE;

  @Option(names = "--follow", description = "Keep printing new records until interrupted.")
  boolean follow;

  @Option(names = "--latest", description = "Print only the latest record per key (the view of a compacted topic).")
  boolean latest;

  @Option(names = "--pretty", description = "Indent each JSON document over several lines, for people.")
  boolean pretty;

  @Option(names = "--with-metadata", description = "Wrap each value with topic, partition, offset, timestamp and key.")
  boolean withMetadata;

  @Override
  public Integer call() {
    if (latest && follow) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--latest and --follow exclude each other");
    }
    boolean deadLetters = topicName.equals(Topics.DEAD_LETTER);
    Topic<?> topic = deadLetters ? null : TopicOption.resolve(spec, topicName);
    Deserializer<? extends SpecificRecord> values =
        deadLetters ? null : new OutputSerdes(bootstrap.output()).reader(topic);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(bootstrap.topics().of(topicName), Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<String, String> latestByKey = new LinkedHashMap<>();
      long printed = 0;
      while (printed < max && (follow || !reachedEnd(consumer, end))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (printed == max) {
            break;
          }
          String line = deadLetters ? deadLetter(record) : render(values, record, err);
          line = pretty && line != null ? indent(line) : line;
          if (latest) {
            latestByKey.remove(record.key());
            if (line != null) {
              latestByKey.put(record.key(), line);
            }
          } else if (line != null) {
            out.println(line);
            printed++;
          }
        }
        out.flush();
      }
      latestByKey.values().stream().limit(max).forEach(out::println);
      out.flush();
    }
    return 0;
  }

  private String render(Deserializer<? extends SpecificRecord> values, ConsumerRecord<String, byte[]> record,
      PrintWriter err) {
    if (record.value() == null) {
      return withMetadata ? metadata(record).putNull("value").toString() : null;
    }
    try {
      String json = JsonAvro.toJson(values.deserialize(record.topic(), record.headers(), record.value()));
      if (!withMetadata) {
        return json;
      }
      ObjectNode node = metadata(record);
      node.putRawValue("value", new com.fasterxml.jackson.databind.util.RawValue(json));
      return node.toString();
    } catch (SerializationException e) {
      err.println("partition " + record.partition() + " offset " + record.offset() + ": " + e.getMessage());
      return null;
    } catch (RuntimeException e) {
      err.println("partition " + record.partition() + " offset " + record.offset() + ": cannot print as JSON ("
          + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private String deadLetter(ConsumerRecord<String, byte[]> record) {
    ObjectNode node = metadata(record);
    node.put("value", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
    ObjectNode headers = node.putObject("headers");
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }
    return node.toString();
  }

  private static String indent(String json) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return json;
    }
  }

  private static ObjectNode metadata(ConsumerRecord<String, byte[]> record) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("topic", record.topic());
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    node.put("timestamp", record.timestamp());
    node.put("key", record.key());
    return node;
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(bootstrap.consumer(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
        new StringDeserializer(), new ByteArrayDeserializer());
  }
}
