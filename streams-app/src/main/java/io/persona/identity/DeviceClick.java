package io.persona.identity;

import io.persona.avro.ClickEvent;

/**
 * A click as identity resolution sees it, on the task of its anonymous id (device).
 *
 * @param alreadyCounted the click came keyed by its customer and was counted in the customer's task; identity
 *     resolution only links the device and hands over its anonymous activity
 */
public record DeviceClick(ClickEvent click, boolean alreadyCounted) {}
