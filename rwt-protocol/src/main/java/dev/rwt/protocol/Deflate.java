package dev.rwt.protocol;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw DEFLATE (RFC 1951, no zlib header) for the DEFLATE flag, with a hard output limit on
 * inflation so that a small hostile body cannot expand past the message-size limit.
 *
 * <p>Stateless and thread-safe: each call uses and ends its own {@link Deflater} or
 * {@link Inflater}.
 */
public final class Deflate {
  private static final int CHUNK = 8192;

  private Deflate() {}

  /** Compresses with the default level. */
  public static byte[] compress(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
      byte[] buf = new byte[CHUNK];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * Inflates one complete raw DEFLATE stream.
   *
   * @param limit the most bytes the output may have
   * @throws RwtProtocolException TOO_LARGE as soon as the output would exceed {@code limit}
   *     (never allocating more than about {@code limit} bytes); PROTOCOL for corrupt,
   *     truncated or trailing data
   */
  public static byte[] inflate(byte[] data, int limit) throws RwtProtocolException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, Math.max(64, data.length * 4)));
      byte[] buf = new byte[CHUNK];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && !inflater.finished()) {
          // no output and not finished: input exhausted (truncated) or a dictionary is wanted
          throw RwtProtocolException.protocol("truncated or invalid DEFLATE data");
        }
        if ((long) out.size() + n > limit) {
          throw RwtProtocolException.tooLarge("inflated body exceeds " + limit + " bytes");
        }
        out.write(buf, 0, n);
      }
      if (inflater.getRemaining() > 0) {
        throw RwtProtocolException.protocol("data after the end of the DEFLATE stream");
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw RwtProtocolException.protocol("invalid DEFLATE data");
    } finally {
      inflater.end();
    }
  }
}
