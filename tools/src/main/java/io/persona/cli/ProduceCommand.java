package io.persona.cli;

import io.persona.serde.JsonAvroException;
import io.persona.topology.CustomerPartitions;
import io.persona.topology.JsonLineEncoder;
import io.persona.topology.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Publishes JSON lines as Avro records. Every line is validated against the topic's schema first; a bad line is
 * reported with its number and field and is not published, the good lines are. Exit code 1 when any line was bad.
 */
@Command(name = "produce", description = "Validate JSON lines (file or stdin) and publish them as Avro to a topic.")
public final class ProduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BootstrapOption bootstrap = new BootstrapOption();

  @Option(names = "--topic", required = true, description = "Topic to publish to.")
  String topicName;

  @Option(names = "--file", description = "JSON-lines file; '-' or absent reads stdin.")
  String file;

  @Option(names = "--dry-run", description = "Validate only; publish nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Topic<?> topic = TopicOption.resolve(spec, topicName);
    PrintWriter err = spec.commandLine().getErr();
    JsonLineEncoder encoder = new JsonLineEncoder(topic);
    List<JsonLineEncoder.Encoded> valid = new ArrayList<>();
    int rejected = 0;
    try (BufferedReader reader = open()) {
      String line;
      for (int number = 1; (line = reader.readLine()) != null; number++) {
        if (line.isBlank()) {
          continue;
        }
        try {
          valid.add(encoder.encode(line));
        } catch (JsonAvroException e) {
          rejected++;
          err.println("line " + number + ": " + e.getMessage());
        }
      }
    }
    String name = bootstrap.topics().of(topic);
    int published = dryRun ? 0 : publish(name, valid);
    err.printf("%s %d record(s) to %s; %d line(s) rejected%n", dryRun ? "validated" : "published",
        dryRun ? valid.size() : published, name, rejected);
    err.flush();
    return rejected == 0 ? 0 : 1;
  }

  private int publish(String topic, List<JsonLineEncoder.Encoded> records) throws InterruptedException {
    Map<String, Object> props = bootstrap.producer(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      int partitions = producer.partitionsFor(topic).size();
      for (JsonLineEncoder.Encoded record : records) {
        // A composite key (consent) goes to its customer's partition, not to its own hash's.
        Integer partition = record.customerId() == null ? null : CustomerPartitions.of(record.customerId(), partitions);
        sends.add(producer.send(
            new ProducerRecord<>(topic, partition, record.timestamp(), record.key(), record.value())));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
      return sends.size();
    } catch (ExecutionException e) {
      throw new CliException("publishing to " + topic + " failed: " + e.getCause().getMessage());
    }
  }

  private BufferedReader open() throws IOException {
    if (file == null || file.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }
}
