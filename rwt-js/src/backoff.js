// Reconnection policy: exponential backoff with jitter.

export const DEFAULT_RECONNECTION = Object.freeze({
  enabled: true,
  maxAttempts: 10,
  baseDelay: 500,
  maxDelay: 30000,
  backoffFactor: 2,
  jitter: 0.3,
  preserveSession: true,
});

export function reconnectionPolicy(options = {}, base = DEFAULT_RECONNECTION) {
  const policy = { ...base, ...options };
  for (const key of ['maxAttempts', 'baseDelay', 'maxDelay', 'backoffFactor', 'jitter']) {
    if (typeof policy[key] !== 'number' || Number.isNaN(policy[key]) || policy[key] < 0) {
      throw new RangeError(`reconnection.${key} must be a non-negative number`);
    }
  }
  if (policy.jitter > 1) throw new RangeError('reconnection.jitter must be between 0 and 1');
  return Object.freeze(policy);
}

/** Delay before attempt n (1-based): base * factor^(n-1), capped, then +-jitter. */
export function reconnectDelay(attempt, policy, random = Math.random) {
  const raw = Math.min(policy.maxDelay, policy.baseDelay * policy.backoffFactor ** (attempt - 1));
  const spread = raw * policy.jitter;
  return Math.max(0, Math.round(raw - spread + 2 * spread * random()));
}
