package dev.rwt.api;

/**
 * Fired when the backplane that carries channel messages between nodes ({@code rwt.backplane})
 * fails or works again: once when an outage starts ({@code working} false: messages published
 * on other nodes may not have reached this one, or this node's may not have left it), once when
 * it ends. Local delivery goes on during an outage; subscribers on this node are told with a
 * non-fatal ERROR {@code INTERNAL} on each of their subscriptions.
 *
 * @param working false when an outage starts, true when it ends
 * @param detail what the backplane reported, for a log or an alert
 */
public record RwtBackplaneStatus(boolean working, String detail) {}
