import { Agent, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forward, MAX_RESPONSE_BYTES, rewriteLocation, UpstreamUnreachableError, type Upstream } from '../../src/front-door/proxy';
import { request, SECRET } from './helpers';

let server: Server;
let port: number;
let seenHeaders: IncomingHttpHeaders = {};
/** Requests the app received, by method and path. */
let received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders = req.headers;
    received.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1));
    } else if (req.url === '/never') {
      // Never answers: the front door must give up on its own.
    } else if (req.url === '/slow') {
      req.on('end', () => setTimeout(() => res.end('done slowly'), 600));
    } else if (req.url === '/trickle') {
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(drip));
    } else if (req.url === '/hang-up') {
      req.socket.destroy();
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/login?next=%2F` });
      res.end();
    } else if (req.url === '/head') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1234' });
      res.end();
    } else {
      res.setHeader('x-multi', ['a', 'b']);
      res.writeHead(200, { 'keep-alive': 'timeout=5', 'x-app': 'yes' });
      res.end(Buffer.from([0, 255, 1]));
    }
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received = [];
});

const upstream = (over: Partial<Upstream> = {}): Upstream => ({
  host: '127.0.0.1',
  port,
  connectTimeoutMs: 1_000,
  deadline: Date.now() + 5_000,
  now: Date.now,
  originHeader: 'x-front-door-secret',
  originSecret: SECRET,
  ...over,
});

describe('proxy to the task', () => {
  it('returns binary bodies intact, base64-encoded, without hop-by-hop headers, repeated headers joined', async () => {
    const { response: res, fromApp } = await forward(request('GET', '/'), upstream());
    expect(fromApp).toBe(true);
    expect(res.statusCode).toBe(200);
    expect(Buffer.from(res.body, 'base64')).toEqual(Buffer.from([0, 255, 1]));
    expect(res.headers['x-app']).toBe('yes');
    expect(res.headers['x-multi']).toBe('a, b');
    expect(res.headers).not.toHaveProperty('connection');
    expect(res.headers).not.toHaveProperty('keep-alive');
  });

  it('sends the origin secret, drops client copies of it and of X-Forwarded-*, and sets X-Forwarded-* to what it saw', async () => {
    const forged = {
      host: 'app.example.com',
      'x-front-door-secret': 'guess',
      'x-forwarded-for': '10.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-port': '80',
      forwarded: 'for=10.0.0.1',
      'x-real-ip': '10.0.0.1',
    };
    await forward(request('GET', '/', { headers: forged }), upstream());
    expect(seenHeaders).toMatchObject({
      'x-front-door-secret': SECRET,
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.example.com',
    });
    expect(seenHeaders).not.toHaveProperty('x-forwarded-port');
    expect(seenHeaders).not.toHaveProperty('forwarded');
    expect(seenHeaders).not.toHaveProperty('x-real-ip');
  });

  it("rewrites a Location that names the task's address to the front door's host over HTTPS", async () => {
    const { response } = await forward(request('GET', '/redirect', { headers: { host: 'app.example.com' } }), upstream());
    expect(response.headers['location']).toBe('https://app.example.com/login?next=%2F');
  });

  it('keeps the Content-Length of a HEAD answer (it has no body to measure)', async () => {
    const { response } = await forward(request('HEAD', '/head'), upstream());
    expect(response.headers['content-length']).toBe('1234');
    expect(response.body).toBe('');
  });

  it('answers 502, saying why, when the response is larger than Lambda can return', async () => {
    const { response: res } = await forward(request('GET', '/big'), upstream());
    expect(res.statusCode).toBe(502);
    expect(res.body).toBe(`The response is over ${MAX_RESPONSE_BYTES} bytes, more than Lambda returns.`);
  });

  it('answers a 504 page at the deadline when the app does not answer', async () => {
    const { response: res, fromApp } = await forward(request('GET', '/never'), upstream({ deadline: Date.now() + 200 }));
    expect(fromApp).toBe(false);
    expect(res.statusCode).toBe(504);
    expect(res.body).toContain('<h1>Timed out</h1>');
    expect(res.body).toContain('The app did not answer within 25 seconds.');
  });

  it('holds the deadline against an answer that trickles in (a deadline, not an idle timer)', async () => {
    const started = Date.now();
    const { response: res } = await forward(request('GET', '/trickle'), upstream({ deadline: started + 400 }));
    expect(res.statusCode).toBe(504);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection as the app not listening (yet), naming the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const attempt = forward(request('GET', '/'), upstream({ port: freePort }));
    await expect(attempt).rejects.toBeInstanceOf(UpstreamUnreachableError);
    await expect(attempt).rejects.toThrow(`127.0.0.1:${freePort}: ECONNREFUSED`);
  });
});

describe('a request reaches the app at most once', () => {
  it('a slow POST on a kept-alive (reused) socket is answered, once, although it takes longer than the connect timeout', async () => {
    const agent = new Agent({ keepAlive: true });
    const warm = await forward(request('GET', '/'), upstream({ agent }));
    expect(warm.response.statusCode).toBe(200);
    received = [];
    const post = request('POST', '/slow', { body: '{"pay":1}', headers: { host: 'h', 'content-type': 'application/json' } });
    const { response, fromApp } = await forward(post, upstream({ connectTimeoutMs: 100, agent }));
    agent.destroy();
    expect(fromApp).toBe(true);
    expect(response.statusCode).toBe(200);
    expect(Buffer.from(response.body, 'base64').toString()).toBe('done slowly');
    expect(received).toEqual(['POST /slow']);
  });

  it('a slow POST on a new connection (the default: one per request) is not cut by the connect timeout either', async () => {
    const { response } = await forward(request('POST', '/slow', { body: 'x' }), upstream({ connectTimeoutMs: 100 }));
    expect(response.statusCode).toBe(200);
    expect(received).toEqual(['POST /slow']);
  });

  it('a kept-alive socket the app closed while idle fails the request: a 502 page, nothing sent again', async () => {
    const agent = new Agent({ keepAlive: true });
    await forward(request('GET', '/'), upstream({ agent }));
    server.closeIdleConnections();
    received = [];
    const { response } = await forward(request('POST', '/slow', { body: 'x' }), upstream({ agent }));
    agent.destroy();
    expect([502, 200]).toContain(response.statusCode);
    expect(received.length).toBeLessThanOrEqual(1);
  });

  it('a connection lost after the request was sent is answered with a 502 page, not sent again', async () => {
    const attempt = await forward(request('POST', '/hang-up', { body: 'x' }), upstream());
    expect(attempt.fromApp).toBe(false);
    expect(attempt.response.statusCode).toBe(502);
    expect(attempt.response.body).toContain('The request was not sent again.');
    expect(received).toEqual(['POST /hang-up']);
  });
});

describe('rewriteLocation', () => {
  const task = { host: '10.0.1.23', port: 8080 };
  it.each([
    ['http://10.0.1.23:8080/login', 'https://app.example.com/login'],
    ['http://10.0.1.23/login', 'https://app.example.com/login'],
    ['http://10.0.1.23:8080', 'https://app.example.com'],
    ['http://app.example.com/a?b', 'https://app.example.com/a?b'],
    ['/relative', '/relative'],
    ['https://other.example/x', 'https://other.example/x'],
    ['http://10.0.1.234/x', 'http://10.0.1.234/x'],
  ])('%s -> %s', (from, to) => {
    expect(rewriteLocation(from, task, 'app.example.com')).toBe(to);
  });
  it('brackets an IPv6 task address', () => {
    expect(rewriteLocation('http://[2600:1f14::1]:8080/x', { host: '2600:1f14::1', port: 8080 }, 'h.example')).toBe('https://h.example/x');
  });
});
