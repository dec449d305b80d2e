import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forward, MAX_RESPONSE_BYTES, UpstreamUnreachableError, type Upstream } from '../../src/front-door/proxy';
import { request } from './helpers';

let server: Server;
let port: number;
let seenHeaders: IncomingHttpHeaders = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders = req.headers;
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1));
    } else if (req.url === '/never') {
      // Never answers: the front door must give up on its own.
    } else {
      res.setHeader('x-multi', ['a', 'b']);
      res.writeHead(200, { connection: 'keep-alive', 'keep-alive': 'timeout=5', 'x-app': 'yes' });
      res.end(Buffer.from([0, 255, 1]));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const upstream = (over: Partial<Upstream> = {}): Upstream => ({ host: '127.0.0.1', port, connectTimeoutMs: 1_000, timeoutMs: 5_000, ...over });

describe('proxy to the task', () => {
  it('returns binary bodies intact, base64-encoded, without hop-by-hop headers, repeated headers joined', async () => {
    const res = await forward(request('GET', '/'), upstream());
    expect(res.statusCode).toBe(200);
    expect(Buffer.from(res.body, 'base64')).toEqual(Buffer.from([0, 255, 1]));
    expect(res.headers['x-app']).toBe('yes');
    expect(res.headers['x-multi']).toBe('a, b');
    expect(res.headers).not.toHaveProperty('connection');
    expect(res.headers).not.toHaveProperty('keep-alive');
  });

  it("keeps API Gateway's X-Forwarded-For, which already ends with the client's address", async () => {
    await forward(request('GET', '/', { headers: { host: 'h', 'x-forwarded-for': '198.51.100.1, 203.0.113.7' } }), upstream());
    expect(seenHeaders['x-forwarded-for']).toBe('198.51.100.1, 203.0.113.7');
  });

  it('answers 502, saying why, when the response is larger than Lambda can return', async () => {
    const res = await forward(request('GET', '/big'), upstream());
    expect(res.statusCode).toBe(502);
    expect(res.body).toBe(`The response is over ${MAX_RESPONSE_BYTES} bytes, more than Lambda returns.`);
  });

  it('answers 504 when the app does not answer in time', async () => {
    const res = await forward(request('GET', '/never'), upstream({ timeoutMs: 200 }));
    expect(res).toEqual({
      statusCode: 504,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body: 'The app did not answer within 0.2 s.',
      isBase64Encoded: false,
    });
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
