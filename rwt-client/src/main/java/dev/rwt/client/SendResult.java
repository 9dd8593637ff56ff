package dev.rwt.client;

/**
 * A message that left: sealed with {@code seq} and handed to the socket.
 *
 * @param seq the frame's sequence number
 * @param channel the channel name, or null for a direct message
 * @param bytes size of the sealed frame
 * @param encrypted whether the payload was encrypted
 * @param compressed whether the payload was deflated
 */
public record SendResult(long seq, String channel, int bytes, boolean encrypted, boolean compressed) {}
