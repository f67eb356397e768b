package io.persona.serde;

/**
 * @param format how the consumer-facing offers are written
 * @param registryUrl the Apicurio registry's URL (such as http://registry:8080/apis/registry/v3); empty unless set,
 *     and required by {@link OutputFormat#REGISTRY}
 */
public record OutputSettings(OutputFormat format, String registryUrl) {
  public static final OutputSettings AVRO = new OutputSettings(OutputFormat.AVRO, "");
}
