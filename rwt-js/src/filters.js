// Message filters for onMessage / waitForMessage: a predicate, or an object whose keys
// must all match (channel, from, id, type = data.type, encrypted, binary).

export function messageMatcher(filter) {
  if (filter == null) return () => true;
  if (typeof filter === 'function') return filter;
  if (typeof filter === 'string') return (message) => message.channel === filter;
  if (typeof filter !== 'object') throw new TypeError('filter must be a function, a channel name or an object');
  const checks = Object.entries(filter).map(([key, expected]) => {
    if (key === 'type') return (m) => m.data !== null && typeof m.data === 'object' && m.data.type === expected;
    if (key === 'data' && typeof expected === 'function') return (m) => expected(m.data);
    return (m) => m[key] === expected;
  });
  return (message) => checks.every((check) => check(message));
}
