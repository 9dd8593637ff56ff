package dev.rwt.client;

/**
 * A message on its way: numbered {@code seq} and queued on the socket, where it is sealed
 * when it leaves (in the epoch current then).
 *
 * @param seq the frame's sequence number
 * @param channel the channel name, or null for a direct message
 * @param bytes size of the frame on the wire
 * @param encrypted whether the payload was encrypted
 * @param compressed whether the payload was deflated
 */
public record SendResult(long seq, String channel, int bytes, boolean encrypted, boolean compressed) {}
