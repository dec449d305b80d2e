import { bundleFrontDoor } from '../../src/front-door/bundle';
import { frontDoorCode } from '../../src/front-door/code';
import { compileTemplate } from '../../src/template/compile';
import type { TemplateModule } from '../../src/template/module';

/** Runs CommonJS source the way Lambda's index.js runs: its own module, exports and require. */
function load(source: string): { handler?: unknown } {
  const module = { exports: {} as { handler?: unknown } };
  new Function('module', 'exports', 'require', source)(module, module.exports, require);
  return module.exports;
}

const functionCode = (plain: { [key: string]: unknown }): string =>
  (
    (plain['Resources'] as Record<string, { Properties: { Code: { ZipFile: string } } }>)['FrontDoorFunction'] as {
      Properties: { Code: { ZipFile: string } };
    }
  ).Properties.Code.ZipFile;

/** A user module with 60 KB of outputs: an app whose own modules pass the 51,200-byte body limit. */
const bulky: TemplateModule = () => ({
  outputs: Object.fromEntries(
    Array.from({ length: 60 }, (_, i) => [`Note${i}`, { Description: `A long note ${'x'.repeat(1000)}`, Value: 'v' }]),
  ),
});

describe('the front door code in the template', () => {
  it('is the bundled handler (from src/ here; scripts/bundle.mjs inlines the same into dist/)', () => {
    expect(frontDoorCode()).toBe(bundleFrontDoor());
    expect(typeof load(frontDoorCode()).handler).toBe('function');
  });

  it('stays readable, never a compressed loader, even in a template over the 51,200-byte body limit', () => {
    expect(functionCode(compileTemplate().plain)).toBe(frontDoorCode());
    const app = compileTemplate({}, { modules: [bulky] });
    expect(functionCode(app.plain)).toBe(frontDoorCode());
    expect(app.yaml).not.toContain('inflateRawSync');
  });
});
