import { mayWake } from '../../src/front-door/wake-policy';
import { BROWSER, navigation, request } from './helpers';

const html = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('who may wake the app (and count as activity)', () => {
  it('by default, a browser navigation', () => {
    expect(mayWake(navigation('/'), 'navigation')).toBe(true);
  });

  it('a GET for HTML from a browser without Sec-Fetch headers (older Safari)', () => {
    expect(mayWake(request('GET', '/', { headers: { 'user-agent': BROWSER, accept: html } }), 'navigation')).toBe(true);
  });

  it.each([
    ['HEAD', request('HEAD', '/', { headers: { 'user-agent': BROWSER, accept: html } })],
    ['OPTIONS (CORS preflight)', request('OPTIONS', '/api', { headers: { 'user-agent': BROWSER, 'sec-fetch-mode': 'cors' } })],
    ['a fetch from a page', request('GET', '/api/items', { headers: { 'user-agent': BROWSER, 'sec-fetch-mode': 'cors', accept: '*/*' } })],
    ['an image', request('GET', '/favicon.ico', { headers: { 'user-agent': BROWSER, 'sec-fetch-mode': 'no-cors', accept: 'image/*' } })],
    ['a POST form submission', request('POST', '/login', { headers: { 'user-agent': BROWSER, 'sec-fetch-mode': 'navigate' } })],
    ['curl', request('GET', '/', { headers: { 'user-agent': 'curl/8.5.0', accept: '*/*' } })],
    ['no user agent', request('GET', '/', { headers: { accept: html } })],
    [
      'UptimeRobot',
      request('GET', '/', {
        headers: { 'user-agent': 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', accept: html },
      }),
    ],
    [
      'Googlebot',
      request('GET', '/', {
        headers: { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', accept: html },
      }),
    ],
    [
      'headless Chrome navigating',
      navigation('/', { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36' }),
    ],
    ['a Pingdom check', request('GET', '/', { headers: { 'user-agent': 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)' } })],
  ])('by default, not %s', (_, event) => {
    expect(mayWake(event, 'navigation')).toBe(false);
  });

  it('with WakeOnAnyRequest, any request, but still no known monitor or crawler', () => {
    expect(mayWake(request('POST', '/api', { headers: { 'user-agent': 'python-requests/2.32' } }), 'any-request')).toBe(true);
    expect(mayWake(request('HEAD', '/'), 'any-request')).toBe(true);
    expect(mayWake(request('GET', '/', { headers: { 'user-agent': 'Better Uptime Bot Chrome/119' } }), 'any-request')).toBe(false);
  });
});
