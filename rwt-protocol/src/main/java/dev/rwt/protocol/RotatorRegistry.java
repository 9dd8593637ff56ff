package dev.rwt.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rotation patterns by name: the three built-ins plus any custom {@link TokenRotator}s.
 *
 * <p>Immutable and thread-safe; {@link #with(TokenRotator)} returns a new registry. A
 * server and its clients must register the same custom patterns.
 */
public final class RotatorRegistry {
  private final Map<String, TokenRotator> byName;

  private RotatorRegistry(Map<String, TokenRotator> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** fixed, fibonacci and golden. */
  public static RotatorRegistry builtIn() {
    Map<String, TokenRotator> m = new LinkedHashMap<>();
    for (TokenRotator r : new TokenRotator[] {TokenRotator.fixed(), TokenRotator.fibonacci(), TokenRotator.golden()}) {
      m.put(r.name(), r);
    }
    return new RotatorRegistry(m);
  }

  /**
   * This registry plus {@code rotator}.
   *
   * @throws IllegalArgumentException when the name is blank or already taken
   */
  public RotatorRegistry with(TokenRotator rotator) {
    String name = rotator.name();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rotation pattern needs a name");
    }
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("rotation pattern '" + name + "' is already registered");
    }
    Map<String, TokenRotator> m = new LinkedHashMap<>(byName);
    m.put(name, rotator);
    return new RotatorRegistry(m);
  }

  /** The pattern called {@code name}, if known. */
  public Optional<TokenRotator> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The pattern a peer announced.
   *
   * @throws RwtProtocolException PROTOCOL when the name is unknown
   */
  public TokenRotator require(String name) throws RwtProtocolException {
    TokenRotator r = byName.get(name);
    if (r == null) {
      throw RwtProtocolException.protocol("unknown rotation pattern '" + name + "'");
    }
    return r;
  }

  /** The registered names, built-ins first. */
  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public String toString() {
    return "RotatorRegistry" + byName.keySet();
  }
}
