/** What applications code against: channels, sessions, messages, RPC, lifecycle events, SPIs. */
package dev.rwt.api;
