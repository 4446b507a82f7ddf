/**
 * Matches a sample tracking number against a carrier's pattern off the main thread. A pattern
 * typed into the carrier form is untrusted: `(a+)+$` can backtrack for minutes, so the page asks
 * here and gives up (terminating this worker) when no answer comes in time. The match is only
 * feedback while typing; the server decides whether a pattern is accepted.
 */

self.onmessage = (event) => {
  const { id, pattern, sample } = event.data;
  let state;
  try {
    // Like the server's re.fullmatch(pattern, number, re.IGNORECASE).
    state = new RegExp(`^(?:${pattern})$`, 'i').test(sample) ? 'match' : 'nomatch';
  } catch {
    state = 'unsupported';
  }
  self.postMessage({ id, state });
};
