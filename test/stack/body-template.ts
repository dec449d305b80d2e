/**
 * The compiled template in a size CloudFormation takes as a body (under 51,200 bytes), for the
 * tests of the deploy flow itself: the default template with a one-line stand-in for the front
 * door's inline handler. The real template is larger since the private network (issue 20) and
 * goes to CloudFormation through S3 (deploy.test.ts, "uploads to S3").
 */
import { templateFromCompiled, type DeployTemplate } from '../../src/stack/template';
import { compileTemplate } from '../../src/template/compile';
import { FUNCTION_ID } from '../../src/template/front-door';
import { TEMPLATE_BODY_LIMIT, toYaml } from '../../src/template/serialize';

export function bodySizedTemplate(): DeployTemplate {
  const { plain } = compileTemplate();
  const fn = (plain['Resources'] as Record<string, { Properties: { Code: { ZipFile: string } } }>)[FUNCTION_ID];
  if (fn) fn.Properties.Code.ZipFile = 'module.exports.handler=async()=>({statusCode:503});\n';
  const t = templateFromCompiled({ yaml: toYaml(plain), plain }, 'compiled from src/template');
  if (t.bytes > TEMPLATE_BODY_LIMIT) throw new Error(`the test template is ${t.bytes} bytes, over ${TEMPLATE_BODY_LIMIT}`);
  return t;
}
