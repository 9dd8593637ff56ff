package dev.rwt.war;

import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.SealOptions;

/**
 * The bad frames a connection survives, one kind per constant, each with the ERROR code
 * (or, for a CALL with an id, the RESULT error code) PROTOCOL.md documents for it. The
 * sender's token may subscribe to {@code soak.*} only, publish nowhere, and call anything.
 */
enum RefusedFrames {
  SUBSCRIBE_FORBIDDEN(ErrorCode.FORBIDDEN, false),
  SUBSCRIBE_BAD_CHANNEL_NAME(ErrorCode.BAD_CHANNEL_NAME, false),
  SUBSCRIBE_WITHOUT_CHANNEL(ErrorCode.BAD_PARAMS, false),
  MESSAGE_ON_UNKNOWN_SUBSCRIPTION(ErrorCode.NO_SUCH_CHANNEL, false),
  UNSUBSCRIBE_UNKNOWN(ErrorCode.NO_SUCH_CHANNEL, false),
  REFRESH_WITHOUT_AUTH(ErrorCode.BAD_PARAMS, false),
  CALL_WITHOUT_ID(ErrorCode.BAD_PARAMS, false),
  CALL_UNKNOWN_METHOD(ErrorCode.NO_SUCH_METHOD, true),
  CALL_WITH_ILL_TYPED_PARAMS(ErrorCode.BAD_PARAMS, true);

  final ErrorCode expected;
  /** Answered by a RESULT with an error (matched by call id), not by an ERROR (matched by seq). */
  final boolean answeredByResult;

  RefusedFrames(ErrorCode expected, boolean answeredByResult) {
    this.expected = expected;
    this.answeredByResult = answeredByResult;
  }

  /** Sends one frame of this kind; {@code id} is the call id for kinds answered by RESULT. Returns the seq. */
  long send(RwtPeer peer, long id) throws Exception {
    return switch (this) {
      case SUBSCRIBE_FORBIDDEN -> peer.sendJson(FrameType.SUBSCRIBE, 0, "{\"channel\":\"private.payroll\"}");
      case SUBSCRIBE_BAD_CHANNEL_NAME -> peer.sendJson(FrameType.SUBSCRIBE, 0, "{\"channel\":\"no spaces/here\"}");
      case SUBSCRIBE_WITHOUT_CHANNEL -> peer.sendJson(FrameType.SUBSCRIBE, 0, "{\"name\":[1,{\"a\":null}]}");
      case MESSAGE_ON_UNKNOWN_SUBSCRIPTION -> peer.send(FrameType.MESSAGE, 4321, new byte[] {1, 2},
          SealOptions.binary().encrypted());
      case UNSUBSCRIBE_UNKNOWN -> peer.send(FrameType.UNSUBSCRIBE, 4322, new byte[0], SealOptions.binary());
      case REFRESH_WITHOUT_AUTH -> peer.sendJson(FrameType.REFRESH, 0, "{\"token\":\"x\"}");
      case CALL_WITHOUT_ID -> peer.sendJson(FrameType.CALL, 0, "{\"method\":\"whoami\"}");
      case CALL_UNKNOWN_METHOD -> peer.sendJson(FrameType.CALL, 0, "{\"id\":" + id + ",\"method\":\"no.such\"}");
      case CALL_WITH_ILL_TYPED_PARAMS -> peer.sendJson(FrameType.CALL, 0,
          "{\"id\":" + id + ",\"method\":\"counter.increment\",\"params\":\"seven\"}");
    };
  }
}
