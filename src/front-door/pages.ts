/**
 * The small pages the front door answers with while the app cannot. None is cached. A page
 * about a start in progress reloads itself (a meta refresh, no JavaScript) for
 * {@link RELOAD_FOR_MS} after the start, then stops and offers a link instead: a tab left
 * open must not poll forever. Requests that may not wake the app get {@link asleep}, a short
 * text answer with `Retry-After`.
 */
import type { HttpResponse } from './events';

/** How long after a start its pages keep reloading themselves. */
export const RELOAD_FOR_MS = 3 * 60_000;

/** A page; with `refresh`, it reloads itself after `retryAfterSeconds`, else it offers a link that does. */
export function page(status: number, title: string, text: string, retryAfterSeconds: number, refresh: boolean): HttpResponse {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    (refresh ? `<meta http-equiv="refresh" content="${retryAfterSeconds}">` : '') +
    `<meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
    `<body style="font:18px sans-serif;text-align:center;margin-top:20vh"><h1>${title}</h1><p>${text}</p>` +
    // A link styled as a button: it works without JavaScript and keeps the URL, query included.
    (refresh
      ? ''
      : '<p><a href="" style="display:inline-block;padding:.5em 1em;border:1px solid;border-radius:.3em;text-decoration:none">Check again</a></p>');
  return {
    statusCode: status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(retryAfterSeconds) },
    body,
    isBase64Encoded: false,
  };
}

/** Reloads while the start at `since` is recent. */
const reloading = (since: number, now: number): boolean => now - since < RELOAD_FOR_MS;

/** The app is starting (or was just started by this request). */
export function startingPage(since: number, now: number): HttpResponse {
  const refresh = reloading(since, now);
  const text = refresh ? 'The app is starting. This page reloads by itself, usually for under a minute.' : 'The app is still starting.';
  return page(503, 'Starting…', text, 5, refresh);
}

/** The app's last start failed; ECS tries again (the idle check stops it after 3 failures in a row). */
export function failedPage(stopCode: string, since: number, now: number): HttpResponse {
  return page(503, 'Could not start', `The last start failed (${stopCode}). AWS tries again.`, 30, reloading(since, now));
}

/** The service was stopped for a reason only its owner can clear (a start through the workflows). */
export function stoppedPage(reason: string): HttpResponse {
  return page(503, 'Stopped', `The app was stopped: ${reason}. Its owner starts it again.`, 3600, false);
}

/** The daily run-hours budget is spent: no wake until `until` (epoch ms, the next UTC midnight). */
export function budgetPage(hours: number, until: number, now: number): HttpResponse {
  const at = new Date(until).toISOString().slice(0, 16).replace('T', ' ');
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return page(503, 'Resting', `The app has run its ${hours} hours for today. It can start again after ${at} UTC.`, seconds, false);
}

/** AWS throttled the front door's calls. */
export function busyPage(): HttpResponse {
  return page(503, 'Busy', 'AWS is busy. Try again in a moment.', 10, false);
}

/** Something the owner must fix; details are in the function's log. */
export function errorPage(): HttpResponse {
  return page(502, 'Unavailable', "The app cannot be reached. Its owner finds why in the front door's log.", 60, false);
}

/** The app did not answer before the front door's deadline. */
export function timeoutPage(seconds: number): HttpResponse {
  return page(504, 'Timed out', `The app did not answer within ${seconds} seconds.`, 10, false);
}

/** The connection to the app broke after the request was sent: it is not sent again. */
export function connectionLostPage(): HttpResponse {
  return page(502, 'Connection lost', 'The app closed the connection before it answered. The request was not sent again.', 10, false);
}

/** The short answer to a request that may not wake the app while it is not running. */
export function asleep(retryAfterSeconds: number): HttpResponse {
  return {
    statusCode: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(retryAfterSeconds) },
    body: 'Not running. A browser visit starts it.',
    isBase64Encoded: false,
  };
}
