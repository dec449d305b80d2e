import { inflateRawSync } from 'node:zlib';
import { bundleFrontDoor } from '../../src/front-door/bundle';
import { compressedFrontDoorCode, frontDoorCode } from '../../src/front-door/code';
import { compileTemplate } from '../../src/template/compile';
import type { TemplateModule } from '../../src/template/module';
import { TEMPLATE_BODY_LIMIT } from '../../src/template/quotas';

/** Runs CommonJS source the way Lambda's index.js runs: its own module, exports and require. */
function load(source: string): { handler?: unknown } {
  const module = { exports: {} as { handler?: unknown } };
  new Function('module', 'exports', 'require', source)(module, module.exports, require);
  return module.exports;
}

const functionCode = (plain: { [key: string]: unknown }): string =>
  ((plain['Resources'] as Record<string, { Properties: { Code: { ZipFile: string } } }>)['FrontDoorFunction'] as { Properties: { Code: { ZipFile: string } } }).Properties.Code.ZipFile;

/** A user module with 6 KB of outputs: an app whose own modules leave no room for the plain code. */
const bulky: TemplateModule = () => ({
  outputs: Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`Note${i}`, { Description: `A long note ${'x'.repeat(150)}`, Value: 'v' }]),
  ),
});

describe('the front door code in the template', () => {
  it('is the bundled handler (from src/ here; scripts/bundle.mjs inlines the same into dist/)', () => {
    expect(frontDoorCode()).toBe(bundleFrontDoor());
    expect(typeof load(frontDoorCode()).handler).toBe('function');
  });

  it('has a compressed form that inflates to exactly the handler, is about 4 KB smaller, and loads as the same module', () => {
    const code = frontDoorCode();
    const packed = compressedFrontDoorCode(code);
    const base64 = /Buffer\.from\("([A-Za-z0-9+/=]+)","base64"\)/.exec(packed)?.[1] ?? '';
    expect(inflateRawSync(Buffer.from(base64, 'base64')).toString()).toBe(code);
    expect(Buffer.byteLength(code) - Buffer.byteLength(packed)).toBeGreaterThan(3500);
    expect(typeof load(packed).handler).toBe('function');
  });

  it('stays readable in the project template, and is compressed only for a template that would not fit otherwise', () => {
    expect(functionCode(compileTemplate().plain)).toBe(frontDoorCode());
    const app = compileTemplate({}, { modules: [bulky] });
    expect(functionCode(app.plain)).toBe(compressedFrontDoorCode(frontDoorCode()));
    expect(app.yaml).toContain(compressedFrontDoorCode(frontDoorCode()).trimEnd());
    expect(Buffer.byteLength(app.yaml)).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
    expect(Buffer.byteLength(app.json)).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
  });
});
