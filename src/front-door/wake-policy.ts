/**
 * Who may wake the app, and whose requests count as activity for the idle stop. By default
 * only a browser navigation: `Sec-Fetch-Mode: navigate`, or, from a browser that does not send
 * Sec-Fetch headers, a GET that accepts text/html from a `Mozilla/5.0` user agent. HEAD,
 * OPTIONS, fetches, images, uptime monitors and crawlers neither wake the app nor keep it
 * awake. `WakeOnAnyRequest` (for API-only apps) lets every request except known monitors and
 * crawlers do both.
 */
import type { HttpRequestEvent } from './events';

/** Which requests wake the app and count as activity (the template's `WakeOnAnyRequest`). */
export type WakeOn = 'navigation' | 'any-request';

/**
 * User agents of known uptime monitors, crawlers and link previewers (matched anywhere,
 * case-insensitive). They never wake the app or count as activity, whatever `WakeOn` says.
 */
export const MONITOR_AGENTS =
  /bot\b|bot\/|crawl|spider|slurp|monitor|uptime|pingdom|statuscake|site24x7|freshping|hetrix|checkly|synthetic|newrelic|datadog|headless|lighthouse|facebookexternalhit|whatsapp|preview/i;

/** True when this request may start a stopped app and, once the app answers it, counts as activity. */
export function mayWake(event: HttpRequestEvent, wakeOn: WakeOn): boolean {
  const headers = event.headers ?? {};
  const agent = headers['user-agent'] ?? '';
  if (MONITOR_AGENTS.test(agent)) return false;
  if (wakeOn === 'any-request') return true;
  if (event.requestContext.http.method !== 'GET') return false;
  const mode = headers['sec-fetch-mode'];
  if (mode !== undefined) return mode === 'navigate';
  return /\btext\/html\b/.test(headers['accept'] ?? '') && agent.startsWith('Mozilla/5.0 ');
}
