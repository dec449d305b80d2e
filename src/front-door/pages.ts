/**
 * The small pages the front door answers with while the app cannot: each reloads itself (a
 * meta refresh, no JavaScript) and is never cached.
 */
import type { HttpResponse } from './events';

/** A page that reloads itself after `refreshSeconds`. */
export function refreshingPage(status: number, title: string, text: string, refreshSeconds: number): HttpResponse {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="refresh" content="${refreshSeconds}">` +
    `<meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
    `<body style="font:18px sans-serif;text-align:center;margin-top:20vh"><h1>${title}</h1><p>${text}</p>`;
  return {
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(refreshSeconds),
    },
    body,
    isBase64Encoded: false,
  };
}

/** The app is starting (or was just started by this request). */
export function startingPage(): HttpResponse {
  return refreshingPage(503, 'Starting…', 'The app is starting. This page reloads by itself, usually for under a minute.', 5);
}

/** The app's last start failed; ECS keeps trying. */
export function failedPage(stopCode: string): HttpResponse {
  return refreshingPage(503, 'Could not start', `The last start failed (${stopCode}). AWS retries; so does this page.`, 30);
}

/** AWS throttled the front door's calls: try again in a moment. */
export function busyPage(): HttpResponse {
  return refreshingPage(503, 'Busy', 'AWS is busy. This page tries again in a moment.', 5);
}

/** Something the owner must fix; details are in the function's log. */
export function errorPage(): HttpResponse {
  return refreshingPage(502, 'Unavailable', 'The app cannot be reached. Its owner finds why in the front door\'s log.', 30);
}
