/**
 * The project's template with a stub in place of the two functions' inline code: the same
 * parameters and resources, under the 51,200-byte body limit, so the deploy tests that are not
 * about template size send it as the body (the managed bucket has its own tests).
 */
import { templateFromCompiled, type DeployTemplate } from '../../src/stack/template';
import type { Json } from '../../src/template/cfn';
import { compileTemplate } from '../../src/template/compile';
import { toYaml } from '../../src/template/serialize';

export function bodySizedTemplate(): DeployTemplate {
  const compiled = compileTemplate();
  const plain = JSON.parse(JSON.stringify(compiled.plain)) as { Resources: Record<string, { Properties?: { Code?: { ZipFile?: string } } }> };
  for (const r of Object.values(plain.Resources)) if (r.Properties?.Code?.ZipFile) r.Properties.Code.ZipFile = 'exports.handler = async () => ({});\n';
  return templateFromCompiled({ plain, yaml: toYaml(plain as unknown as { [key: string]: Json }) }, 'compiled from src/template');
}
