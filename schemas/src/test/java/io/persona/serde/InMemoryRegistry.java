package io.persona.serde;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for an Apicurio registry server, behind Apicurio's own client seam: no server can run in the tests.
 * It keeps each distinct schema text under a content id and each registration as an artifact version, which is all
 * the serde asks of a registry when it auto-registers and reads by content id. It proves the framing and the
 * serde's settings, not the HTTP conversation with a real registry.
 */
final class InMemoryRegistry implements RegistryClientFacade {
  /** Schema text by content id (1, 2, ...). */
  final List<String> contents = new ArrayList<>();
  /** groupId/artifactId of every registration, in order. */
  final List<String> registrations = new ArrayList<>();
  private final Map<String, Long> contentIds = new LinkedHashMap<>();

  @Override
  public synchronized RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId,
      String version, String ifExists, boolean canonical, String schema, Set<RegistryArtifactReference> references) {
    long contentId = contentIds.computeIfAbsent(schema, text -> {
      contents.add(text);
      return (long) contents.size();
    });
    registrations.add(groupId + "/" + artifactId);
    return RegistryVersionCoordinates.create((long) registrations.size(), contentId, groupId, artifactId,
        String.valueOf(registrations.size()));
  }

  @Override
  public synchronized String getSchemaByContentId(Long contentId) {
    return contents.get((int) (contentId - 1));
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
    return List.of();
  }

  @Override
  public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
    throw unused();
  }

  @Override
  public String getSchemaByGAV(String groupId, String artifactId, String version) {
    throw unused();
  }

  @Override
  public String getSchemaByContentHash(String contentHash) {
    throw unused();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
    throw unused();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
    throw unused();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
    throw unused();
  }

  @Override
  public List<RegistryVersionCoordinates> searchVersionsByContent(String schema, String artifactType,
      ArtifactReference reference, boolean canonical) {
    throw unused();
  }

  @Override
  public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
    throw unused();
  }

  @Override
  public Object getClient() {
    return null;
  }

  /** The serde took a path these tests do not expect: say so rather than answer wrongly. */
  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("not expected of the registry by Persona's settings");
  }
}
