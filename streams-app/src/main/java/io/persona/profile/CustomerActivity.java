package io.persona.profile;

import io.persona.avro.ClickEvent;
import io.persona.avro.Device;
import io.persona.avro.PosTransaction;
import java.time.Instant;

/**
 * What one event tells about a customer, whatever its source (web tracker or POS).
 *
 * @param spend amount paid, or 0 when the event is not a purchase
 */
public record CustomerActivity(Instant eventTime, Device device, boolean purchase, double spend) {

  public static CustomerActivity of(ClickEvent click) {
    return new CustomerActivity(click.getEventTime(), click.getDevice(), false, 0.0);
  }

  public static CustomerActivity of(PosTransaction basket) {
    return new CustomerActivity(basket.getEventTime(), null, true, basket.getTotal());
  }
}
