/**
 * `out/launch.html`: one static page (no dependencies, no network; it can be served from
 * GitHub Pages) that turns the template's parameters into a form and opens the console's
 * quick-create URL.
 *
 * - One field per parameter, grouped and labelled as in `AWS::CloudFormation::Interface`, the
 *   description under it, the default filled in, AllowedValues as a select.
 * - A region picker, a template-URL field (prefilled from `?templateURL=`, and `?region=`,
 *   `?stackName=`), and a "Launch Stack" button in a bar that stays at the bottom of the window.
 * - The script is `browser.ts`, bundled by `bundle.ts` and passed in: it checks the fields with
 *   the CLI's own functions and builds the CLI's quick-create URL (see `form-checks.ts`).
 *
 * A Content-Security-Policy allows only this page's own inline script and style (by hash).
 * Pure string building.
 */
import { createHash } from 'node:crypto';
import { CONSOLE_REGIONS, DEFAULT_CONSOLE_REGION } from '../regions';
import { fieldId, STACK_NAME_FIELD, TEMPLATE_URL_FIELD } from './form-checks';
import { isJsonObject as isObj, type JsonObject as Obj, launchPageData } from './page-data';

/** HTML text escaping (also for attribute values in double quotes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/**
 * Colours meet WCAG AA (4.5:1 for text; test/console/launch-page.test.ts measures them in the
 * browser): the button is dark text on AWS orange (5.8:1; white on it is 3.0:1).
 */
const STYLE = `
html { scroll-padding-top: 1rem; scroll-padding-bottom: 6rem; }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto 0; padding: 0 1rem; color: #16191f; background: #fff; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
fieldset { border: 1px solid #aab7b8; border-radius: 6px; margin: 1.5rem 0; padding: 0.5rem 1rem 1rem; min-width: 0; }
legend { font-weight: 600; padding: 0 0.3rem; }
.field { margin-top: 1rem; }
label { display: block; font-weight: 600; }
.name { font-weight: normal; color: #545b64; font-family: ui-monospace, monospace; font-size: 0.85em; }
input, select { font: inherit; width: 100%; box-sizing: border-box; padding: 0.35rem 0.5rem; margin-top: 0.2rem; }
.help { margin: 0.2rem 0 0; color: #545b64; font-size: 0.9rem; }
.help:empty { display: none; }
.error { margin: 0.2rem 0 0; color: #b0261c; font-size: 0.9rem; font-weight: 600; }
.error:empty { display: none; }
[aria-invalid="true"] { border: 2px solid #b0261c; }
#error-summary { border: 3px solid #b0261c; border-radius: 6px; padding: 0.75rem 1rem; margin: 1.5rem 0; }
#error-summary h2 { color: #b0261c; }
#error-summary ul { margin: 0; padding-left: 1.2rem; }
#error-summary a { color: #b0261c; font-weight: 600; }
#result { border: 3px solid #037f0c; border-radius: 6px; padding: 0.75rem 1rem; margin: 1.5rem 0; }
.launch-bar { position: sticky; bottom: 0; background: #fff; border-top: 1px solid #aab7b8; padding: 0.75rem 0; margin-top: 1.5rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.launch-bar p { margin: 0; }
button { font: inherit; font-weight: 700; background: #ec7211; color: #16191f; border: 0; border-radius: 4px; padding: 0.6rem 1.4rem; cursor: pointer; }
button:hover { background: #f08a3c; }
button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible, #error-summary:focus, #result:focus { outline: 3px solid #0972d3; outline-offset: 2px; }
#form-status { font-weight: 600; }
#quick-create-url { word-break: break-all; font-family: ui-monospace, monospace; font-size: 0.85rem; }
`;

/** Groups as the console shows them; parameters in no group come last, under "Other parameters". */
function groups(template: Obj): { label: string; parameters: string[] }[] {
  const names = Object.keys(isObj(template['Parameters']) ? template['Parameters'] : {});
  const metadata = isObj(template['Metadata']) ? template['Metadata'] : {};
  const ui = isObj(metadata['AWS::CloudFormation::Interface']) ? metadata['AWS::CloudFormation::Interface'] : {};
  const result: { label: string; parameters: string[] }[] = [];
  const placed = new Set<string>();
  for (const g of Array.isArray(ui['ParameterGroups']) ? ui['ParameterGroups'] : []) {
    if (!isObj(g)) continue;
    const label = isObj(g['Label']) && typeof g['Label']['default'] === 'string' ? g['Label']['default'] : '';
    const members = (Array.isArray(g['Parameters']) ? g['Parameters'] : []).filter(
      (p): p is string => typeof p === 'string' && names.includes(p) && !placed.has(p),
    );
    for (const m of members) placed.add(m);
    if (members.length > 0) result.push({ label, parameters: members });
  }
  const rest = names.filter((n) => !placed.has(n));
  if (rest.length > 0) result.push({ label: 'Other parameters', parameters: rest });
  return result;
}

function labelOf(template: Obj, name: string): string {
  const metadata = isObj(template['Metadata']) ? template['Metadata'] : {};
  const ui = isObj(metadata['AWS::CloudFormation::Interface']) ? metadata['AWS::CloudFormation::Interface'] : {};
  const labels = isObj(ui['ParameterLabels']) ? ui['ParameterLabels'] : {};
  const entry = labels[name];
  return isObj(entry) && typeof entry['default'] === 'string' ? entry['default'] : name;
}

function fieldHtml(template: Obj, name: string, spec: Obj): string {
  const id = fieldId(name);
  const value = spec['Default'] === undefined || spec['Default'] === null ? '' : String(spec['Default'] as string | number);
  const required = spec['Default'] === undefined;
  const described = `aria-describedby="${id}-help ${id}-error"`;
  const common = `id="${id}" name="${escapeHtml(name)}" ${described}${required ? ' aria-required="true"' : ''}`;
  let control: string;
  const allowed = spec['AllowedValues'];
  if (Array.isArray(allowed)) {
    const options = allowed.map((v) => {
      const text = String(v as string | number);
      return `<option value="${escapeHtml(text)}"${text === value ? ' selected' : ''}>${escapeHtml(text)}</option>`;
    });
    if (required) options.unshift('<option value="" selected>Choose ...</option>');
    control = `<select ${common}>${options.join('')}</select>`;
  } else {
    const numeric = spec['Type'] === 'Number' ? ' inputmode="numeric"' : '';
    const secret = spec['NoEcho'] === true || spec['NoEcho'] === 'true' ? 'password' : 'text';
    control = `<input ${common} type="${secret}" value="${escapeHtml(value)}"${numeric} autocomplete="off" spellcheck="false">`;
  }
  const description = typeof spec['Description'] === 'string' ? spec['Description'] : '';
  return [
    `<div class="field">`,
    `<label for="${id}">${escapeHtml(labelOf(template, name))} <span class="name">${escapeHtml(name)}</span></label>`,
    control,
    `<p class="help" id="${id}-help">${escapeHtml(description)}</p>`,
    `<p class="error" id="${id}-error" aria-live="polite"></p>`,
    `</div>`,
  ].join('\n');
}

/**
 * The whole page, with `script` (`bundleLaunchScript()` of `bundle.ts`) inline.
 */
export function renderLaunchPage(template: Obj, script: string): string {
  const data = launchPageData(template);
  const parameters = isObj(template['Parameters']) ? template['Parameters'] : {};
  const description = typeof template['Description'] === 'string' ? template['Description'] : '';
  const fieldsets = groups(template).map((g) =>
    [
      `<fieldset>`,
      `<legend>${escapeHtml(g.label)}</legend>`,
      ...g.parameters.map((name) => fieldHtml(template, name, parameters[name] as Obj)),
      `</fieldset>`,
    ].join('\n'),
  );
  const regionOptions = CONSOLE_REGIONS.map(
    (r) =>
      `<option value="${r.code}"${r.code === DEFAULT_CONSOLE_REGION ? ' selected' : ''}>${escapeHtml(`${r.code}: ${r.name}`)}</option>`,
  ).join('');
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(STYLE)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<!-- Generated by fargate-oidc (npm run build) from src/template. Do not edit. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>Launch the fargate-oidc stack</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Launch the fargate-oidc stack</h1>
<p>${escapeHtml(description)}</p>
<p>Fill in the form and press <strong>Launch Stack</strong>: it opens the AWS CloudFormation console's quick-create page with these values.
There, review them, tick "I acknowledge that AWS CloudFormation might create IAM resources with custom names", and create the stack.
This page sends nothing anywhere; values equal to their defaults are left out of the link.</p>
<section id="error-summary" aria-labelledby="error-summary-title" tabindex="-1" hidden>
<h2 id="error-summary-title"></h2>
<ul id="error-summary-list"></ul>
</section>
<section id="result" aria-labelledby="result-title" tabindex="-1" hidden>
<h2 id="result-title">Quick-create link</h2>
<p><a id="quick-create-link" href="#" target="_blank" rel="noopener noreferrer">Open the AWS console</a></p>
<p id="quick-create-url"></p>
</section>
<form id="launch-form" novalidate>
<fieldset>
<legend>Template and stack</legend>
<div class="field">
<label for="${TEMPLATE_URL_FIELD}">Template URL</label>
<input id="${TEMPLATE_URL_FIELD}" name="templateURL" type="url" aria-describedby="${TEMPLATE_URL_FIELD}-help ${TEMPLATE_URL_FIELD}-error" aria-required="true" autocomplete="off" spellcheck="false">
<p class="help" id="${TEMPLATE_URL_FIELD}-help">HTTPS URL of out/template.yaml in an S3 bucket in the stack's region (npx fargate-oidc publish --bucket BUCKET uploads it and prints the URL).</p>
<p class="error" id="${TEMPLATE_URL_FIELD}-error" aria-live="polite"></p>
</div>
<div class="field">
<label for="region">Region</label>
<select id="region" name="region" aria-describedby="region-help region-note">${regionOptions}</select>
<p class="help" id="region-help">Where the stack is created; the template's bucket must be in the same region. It follows the region in the template URL.</p>
<p class="help" id="region-note" aria-live="polite"></p>
</div>
<div class="field">
<label for="${STACK_NAME_FIELD}">Stack name (optional)</label>
<input id="${STACK_NAME_FIELD}" name="stackName" type="text" aria-describedby="${STACK_NAME_FIELD}-help ${STACK_NAME_FIELD}-error" autocomplete="off" spellcheck="false">
<p class="help" id="${STACK_NAME_FIELD}-help">Letters, digits and hyphens, starting with a letter. Leave empty to type it in the console.</p>
<p class="error" id="${STACK_NAME_FIELD}-error" aria-live="polite"></p>
</div>
</fieldset>
${fieldsets.join('\n')}
</form>
<div class="launch-bar">
<button type="submit" form="launch-form" id="launch">Launch Stack</button>
<p id="form-status" role="status" aria-live="polite"></p>
</div>
</main>
<script type="application/json" id="launch-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
