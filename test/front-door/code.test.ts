import { bundleFrontDoor } from '../../src/front-door/bundle';
import { frontDoorCode } from '../../src/front-door/code';
import { compileTemplate } from '../../src/template/compile';

/** Runs CommonJS source the way Lambda's index.js runs: its own module, exports and require. */
function load(source: string): { handler?: unknown } {
  const module = { exports: {} as { handler?: unknown } };
  new Function('module', 'exports', 'require', source)(module, module.exports, require);
  return module.exports;
}

const functionCode = (plain: { [key: string]: unknown }): string =>
  ((plain['Resources'] as Record<string, { Properties: { Code: { ZipFile: string } } }>)['FrontDoorFunction'] as { Properties: { Code: { ZipFile: string } } }).Properties.Code.ZipFile;

describe('the front door code in the template', () => {
  it('is the bundled handler (from src/ here; scripts/bundle.mjs inlines the same into dist/)', () => {
    expect(frontDoorCode()).toBe(bundleFrontDoor());
    expect(typeof load(frontDoorCode()).handler).toBe('function');
  });

  it('is inlined as it is, readable, in every template (no compressed loader: a template over 51,200 bytes deploys through S3)', () => {
    expect(functionCode(compileTemplate().plain)).toBe(frontDoorCode());
  });
});
