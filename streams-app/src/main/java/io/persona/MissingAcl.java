package io.persona;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/** What a running app was refused for lack of an ACL, named so that an administrator knows what to grant. */
final class MissingAcl {
  private MissingAcl() {}

  /** "READ on group persona" and the like, or null when {@code failure} is not an authorization failure. */
  static String describe(Throwable failure, String applicationId) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof GroupAuthorizationException group) {
        return "READ on group " + (group.groupId() != null ? group.groupId() : applicationId + " (or -learning)");
      }
      if (cause instanceof TransactionalIdAuthorizationException) {
        return "WRITE on transactional-id prefixed " + applicationId + "-";
      }
      if (cause instanceof TopicAuthorizationException topics) {
        return "access to topics " + topics.unauthorizedTopics();
      }
      if (cause instanceof AuthorizationException other) {
        return "an operation (" + other.getMessage() + ")";
      }
    }
    return null;
  }
}
