package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The per-thread HMAC engine is reused, yet holds no real key between uses. */
class JceEnginesTest {
  private static final byte[] DATA = {1, 2, 3, 4, 5};

  private static byte[] hmacWith(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  @Test
  void afterAnHmacTheThreadsEngineIsKeyedWithZerosNotWithTheLastKey() throws Exception {
    byte[] key = new byte[RwtWire.KEY_LENGTH];
    Arrays.fill(key, (byte) 0x5A);
    assertArrayEquals(hmacWith(key, DATA), Hkdf.hmac(key, DATA));
    byte[] idle = JceEngines.idleHmac().doFinal(DATA);
    assertArrayEquals(hmacWith(new byte[RwtWire.KEY_LENGTH], DATA), idle);
    assertFalse(Arrays.equals(hmacWith(key, DATA), idle));
  }

  @Test
  void theEngineServesOneKeyAfterAnother() throws Exception {
    byte[] a = new byte[RwtWire.KEY_LENGTH];
    byte[] b = new byte[RwtWire.KEY_LENGTH];
    Arrays.fill(b, (byte) 1);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(hmacWith(a, DATA), Hkdf.hmac(a, DATA));
      assertArrayEquals(hmacWith(b, DATA), Hkdf.hmac(b, new byte[] {1, 2}, new byte[] {3, 4, 5}));
    }
  }
}
