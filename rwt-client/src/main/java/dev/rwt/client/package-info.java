/** The RWT Java client, on the JDK's {@code java.net.http} WebSocket. */
package dev.rwt.client;
