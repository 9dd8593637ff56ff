package dev.rwt.impl.config;

/** A configuration value RWT cannot use; the message names the key. */
public final class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public InvalidSettingException(String key, String problem) {
    super("RWT-CONFIG: " + key + ": " + problem);
    this.key = key;
  }

  /** The MicroProfile Config key whose value is wrong. */
  public String key() {
    return key;
  }
}
