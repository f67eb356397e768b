package io.persona.sim;

import java.time.Instant;
import java.util.Map;

/** A simulator and, for a closed loop, the reader of the offers its shoppers receive. */
public final class SimulatedTraffic implements AutoCloseable {
  private final ShopperSimulator simulator;
  private final OffersSeen offers;

  private SimulatedTraffic(ShopperSimulator simulator, OffersSeen offers) {
    this.simulator = simulator;
    this.offers = offers;
  }

  /**
   * @param consumerSettings how to read received offers (the Kafka connection); null for an open loop. Only offers made from
   *     {@code start} on count: those of an earlier shop on the same broker are not this shop's.
   */
  public static SimulatedTraffic of(long seed, int firstCustomer, int customers, Instant start,
      Map<String, Object> consumerSettings, String offersTopic) {
    OffersSeen offers = consumerSettings == null ? null : new OffersSeen(consumerSettings, offersTopic, start);
    return new SimulatedTraffic(new ShopperSimulator(seed, firstCustomer, customers, start, offers), offers);
  }

  public ShopperSimulator simulator() {
    return simulator;
  }

  public long offersSeen() {
    return offers == null ? 0 : offers.seen();
  }

  /** Offers that reached the shoppers only after they had expired in event time: the loop ran too far behind. */
  public long offersSeenTooLate() {
    return offers == null ? 0 : offers.expiredBeforeSeen();
  }

  /** Tells the offer reader how far the published traffic has got, in event time. */
  public void clock(Instant eventTime) {
    if (offers != null) {
      offers.clock(eventTime);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (offers != null) {
      offers.close();
    }
  }
}
