/** The browser tests' Chromium lookup: what it says when no browser can start. */
import { findChromium, NoChromiumError } from './browser';

describe('findChromium', () => {
  it('uses only CHROMIUM_PATH when it is set, and names it and the fixes when it is missing', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' })).toThrow(
      new NoChromiumError([
        'CHROMIUM_PATH (/nonexistent/chrome): not found',
        'nothing else: CHROMIUM_PATH is set, so only it is used (unset it to use the others)',
      ]),
    );
    expect(new NoChromiumError(['x: not found']).message).toBe(
      'No headless Chromium could start for the browser tests. Tried:\n- x: not found\n' +
        'Fix one of: run "npm ci" (it installs @sparticuz/chromium, a Chromium inside the npm package, no root needed); ' +
        'or set CHROMIUM_PATH to a Chrome or Chromium executable.',
    );
  });

  it('refuses an executable that does not answer --version, with its exit status', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/bin/false' })).toThrow(
      'CHROMIUM_PATH (/bin/false): --version exited with 1\n- nothing else',
    );
  });
});
