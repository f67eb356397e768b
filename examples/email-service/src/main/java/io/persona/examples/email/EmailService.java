package io.persona.examples.email;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An email service in miniature: reads {@code personalized-offers} as a consumer group, read_committed (so offers
 * of transactions Persona aborted never reach a customer), and prints one line per email-channel offer. Offsets are
 * committed after the lines are out: after a crash an offer may be printed again, so a real service deduplicates by
 * offerEventId.
 *
 * <pre>
 * java -jar examples/email-service/target/email-service.jar [--bootstrap-servers 127.0.0.1:9092]
 *     [--topic personalized-offers] [--group email-service] [--format json|avro]
 *     [--schemas schemas/released/PersonalizedOffer] [--max N]
 * </pre>
 */
public final class EmailService {
  private static final Logger LOG = LoggerFactory.getLogger(EmailService.class);

  /** A reader of one offer value, in the format Persona was configured to write. */
  interface OfferFormat {
    Offer parse(byte[] value) throws IOException;
  }

  private final Map<String, Object> consumerSettings;
  private final String topic;
  private final OfferFormat format;
  private final PrintStream out;
  private final AtomicBoolean running = new AtomicBoolean(true);

  EmailService(String bootstrapServers, String group, String topic, OfferFormat format, PrintStream out) {
    this.consumerSettings = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    this.topic = topic;
    this.format = format;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    String formatName = options.getOrDefault("--format", "json");
    OfferFormat format = switch (formatName) {
      case "json" -> JsonOffers::parse;
      case "avro" -> AvroOffers.from(Path.of(options.getOrDefault("--schemas", "schemas/released/PersonalizedOffer")))::parse;
      default -> throw new IllegalArgumentException("--format must be json or avro, not " + formatName);
    };
    EmailService service = new EmailService(options.getOrDefault("--bootstrap-servers", "127.0.0.1:9092"),
        options.getOrDefault("--group", "email-service"), options.getOrDefault("--topic", "personalized-offers"),
        format, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop));
    service.run(Long.parseLong(options.getOrDefault("--max", String.valueOf(Long.MAX_VALUE))));
  }

  /** Prints email lines until stopped or {@code max} lines are out; returns how many. */
  long run(long max) {
    long sent = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (running.get() && sent < max) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (sent == max) {
            break; // left for the next run: only what was handled is committed
          }
          sent += send(record) ? 1 : 0;
          done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        consumer.commitSync(done);
      }
    }
    return sent;
  }

  void stop() {
    running.set(false);
  }

  private boolean send(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return false;
    }
    try {
      Offer offer = format.parse(record.value());
      if (!"EMAIL".equals(offer.channel())) {
        return false;
      }
      out.println(EmailLine.of(offer));
      return true;
    } catch (IOException | RuntimeException e) {
      // never the value: it holds a customer id
      LOG.warn("skipped an unreadable offer at partition {} offset {}: {}", record.partition(), record.offset(),
          e.getClass().getSimpleName());
      return false;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --name value");
    }
    return options;
  }
}
