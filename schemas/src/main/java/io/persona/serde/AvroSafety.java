package io.persona.serde;

import java.lang.reflect.Method;
import org.apache.avro.SystemLimitException;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Process-wide Avro settings every decoder relies on. Avro reads its size limits once, when {@code
 * SystemLimitException} is first loaded, which may have happened already (any Avro decode loads it): the limits are
 * therefore re-read after they are set. Without them a random length prefix can allocate gigabytes (a property test
 * found exactly that).
 */
public final class AvroSafety {
  /** No string, byte array or collection in one of our events comes near this: larger lengths are garbage. */
  static final int MAX_LENGTH = 1 << 20;

  private static final String GENERATED_PACKAGE = "io.persona.avro";

  static {
    // A corrupt length prefix must fail fast, not allocate gigabytes.
    setIfAbsent("org.apache.avro.limits.string.maxLength", MAX_LENGTH);
    setIfAbsent("org.apache.avro.limits.bytes.maxLength", MAX_LENGTH);
    setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", MAX_LENGTH);
    rereadLimits();
    // Avro 1.12 only instantiates classes it trusts; our generated records are.
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            type -> GENERATED_PACKAGE.equals(type.getPackageName())));
  }

  private AvroSafety() {}

  /** Idempotent; the work happens once, in the static initialiser. */
  public static void install() {}

  private static void rereadLimits() {
    try {
      Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
      reset.setAccessible(true);
      reset.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot apply Avro's size limits (SystemLimitException.resetLimits)", e);
    }
  }

  private static void setIfAbsent(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }
}
