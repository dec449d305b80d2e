/**
 * `out/launch.html`: one static page (no dependencies, no network; it can be served from
 * GitHub Pages) that turns the template's parameters into a form and opens the console's
 * quick-create URL.
 *
 * - One field per parameter, grouped and labelled as in `AWS::CloudFormation::Interface`, the
 *   description under it, the default filled in, AllowedValues as a select.
 * - Each field is checked in the browser with the parameter's own rules, as CloudFormation (and
 *   `checkParameterValue`) checks them: AllowedPattern as a full match (`^(?:pattern)$`),
 *   AllowedValues, MinLength/MaxLength, MinValue/MaxValue; on error the field gets
 *   aria-invalid and shows its ConstraintDescription, tied to it with aria-describedby.
 * - A region picker, a template-URL field (prefilled from `?templateURL=`, and `?region=`,
 *   `?stackName=`), and a "Launch Stack" button that opens the quick-create URL.
 * - The URL follows the rules of `quick-create.ts` (encoding, NoEcho and defaults left out,
 *   template order, the 1,024-character limit with the same message); the patterns come from
 *   there, and test/console/launch-page.test.ts checks in Chromium that both build the same URLs.
 *
 * A Content-Security-Policy allows only this page's own inline script and style (by hash).
 * Pure string building: no imports beyond small modules, so the build stays fast.
 */
import { createHash } from 'node:crypto';
import type { Json } from '../template/cfn';
import {
  QUICK_CREATE_URL_LIMIT,
  S3_HOST_PATTERN,
  S3_REGION_HOST_PATTERN,
  STACK_NAME_PATTERN,
} from './quick-create';
import { CONSOLE_REGIONS, DEFAULT_CONSOLE_REGION } from './regions';

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the page's script reads (embedded as JSON). */
export interface LaunchPageData {
  /** Parameters in template order: name → the spec fields the checks need. */
  parameters: { [name: string]: Obj };
  rules: {
    limit: number;
    s3Host: string;
    s3RegionHost: string;
    stackName: string;
    defaultRegion: string;
  };
}

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

/** The field id of a parameter. */
export function fieldId(name: string): string {
  return `p-${name}`;
}

/**
 * The page's script. Plain ES2020, no backticks or `${`: it is embedded as text. It exposes
 * `window.fargateOidcLaunch` (quickCreateUrl, checkValue) so the test can compare it with the
 * TypeScript implementation.
 */
export const LAUNCH_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('launch-data').textContent);
  var rules = data.rules;
  var specs = data.parameters;

  function encodeValue(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }
  function hostOf(url) {
    try {
      var u = new URL(url);
      return u.protocol === 'https:' ? u.hostname : null;
    } catch (e) {
      return null;
    }
  }
  function s3UrlRegion(url) {
    var host = hostOf(url);
    var m = host === null ? null : new RegExp(rules.s3RegionHost).exec(host);
    return m ? m[1] : undefined;
  }
  function isS3Url(url) {
    var host = hostOf(url);
    return host !== null && new RegExp(rules.s3Host).test(host);
  }
  function isNoEcho(spec) {
    return spec.NoEcho === true || String(spec.NoEcho) === 'true';
  }
  function countBytes(text) {
    return new TextEncoder().encode(text).length;
  }

  // The same rules as checkParameterValue (src/template/parameters.ts); null when the value passes.
  function matches(pattern, value) {
    var re;
    try { re = new RegExp('^(?:' + pattern + ')$'); } catch (e) { return true; } // Java-only syntax: CloudFormation checks it
    return re.test(value);
  }
  function problem(spec, value) {
    if (countBytes(value) > 4096) return 'over 4,096 bytes';
    if (spec.Type === 'Number') {
      if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return 'not a number';
      var n = Number(value);
      if (spec.MinValue !== undefined && n < spec.MinValue) return 'less than the minimum ' + spec.MinValue;
      if (spec.MaxValue !== undefined && n > spec.MaxValue) return 'more than the maximum ' + spec.MaxValue;
      if (spec.AllowedValues && spec.AllowedValues.map(String).indexOf(String(n)) < 0) return 'not an allowed value';
      return null;
    }
    if (spec.MinLength !== undefined && value.length < spec.MinLength) return 'shorter than ' + spec.MinLength + ' characters';
    if (spec.MaxLength !== undefined && value.length > spec.MaxLength) return 'longer than ' + spec.MaxLength + ' characters';
    var list = spec.Type === 'CommaDelimitedList' || /^List<.+>$/.test(String(spec.Type));
    var elements = list ? value.split(',') : [value];
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (spec.Type === 'List<Number>' && !/^-?\d+(\.\d+)?$/.test(element.trim())) return 'not a list of numbers';
      if (spec.AllowedValues && spec.AllowedValues.map(String).indexOf(element) < 0) return 'not an allowed value';
      if (spec.AllowedPattern !== undefined && !matches(spec.AllowedPattern, element)) return 'does not match the pattern';
    }
    return null;
  }
  // The text shown under a field: the parameter's ConstraintDescription.
  function checkValue(spec, value) {
    var p = problem(spec, value);
    if (p === null) return null;
    return spec.ConstraintDescription ? spec.ConstraintDescription : 'The value is ' + p + '.';
  }

  function tooLong(length, params, templatePartLength) {
    var over = length - rules.limit;
    function cost(p) { return p.part.length + 1; }
    function compareKeys(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
    var byLength = params.slice().sort(function (a, b) { return cost(a) - cost(b) || compareKeys(a.key, b.key); });
    var one = null;
    for (var i = 0; i < byLength.length; i++) if (cost(byLength[i]) >= over) { one = byLength[i]; break; }
    var order = one ? [one] : params.slice().sort(function (a, b) { return cost(b) - cost(a) || compareKeys(a.key, b.key); });
    var drop = [];
    var saved = 0;
    for (var j = 0; j < order.length; j++) {
      if (saved >= over) break;
      drop.push(order[j].key);
      saved += cost(order[j]);
    }
    var advice = saved >= over
      ? 'Leave out ' + drop.join(', ') + ' (' + saved + ' characters) and type ' + (drop.length === 1 ? 'it' : 'them') + ' in the console instead'
      : 'Even without any parameter it is too long';
    return 'The quick-create URL is ' + length + ' characters, ' + over + ' over the console\'s ' +
      rules.limit.toLocaleString('en-US') + '-character limit. ' + advice + '; or shorten the template URL (' +
      (templatePartLength - 'templateURL='.length) + ' characters encoded: a shorter bucket name or prefix) or the stack name.';
  }

  // The same rules as quickCreateLink (src/console/quick-create.ts).
  function quickCreateUrl(region, templateUrl, stackName, parameterSpecs, values) {
    var parts = ['templateURL=' + encodeValue(templateUrl)];
    if (stackName) parts.push('stackName=' + encodeValue(stackName));
    var params = [];
    Object.keys(parameterSpecs).forEach(function (key) {
      var spec = parameterSpecs[key];
      var value = values[key];
      if (value === undefined || isNoEcho(spec)) return;
      if (spec.Default !== undefined && String(spec.Default) === value) return;
      var part = 'param_' + encodeValue(key) + '=' + encodeValue(value);
      params.push({ key: key, part: part });
      parts.push(part);
    });
    var url = 'https://' + region + '.console.aws.amazon.com/cloudformation/home?region=' + region +
      '#/stacks/create/review?' + parts.join('&');
    var result = { url: url, length: url.length };
    if (url.length > rules.limit) result.error = tooLong(url.length, params, parts[0].length);
    return result;
  }

  window.fargateOidcLaunch = { quickCreateUrl: quickCreateUrl, checkValue: checkValue, s3UrlRegion: s3UrlRegion };

  var form = document.getElementById('launch-form');
  var regionField = document.getElementById('region');
  var templateField = document.getElementById('template-url');
  var stackField = document.getElementById('stack-name');
  var status = document.getElementById('form-status');
  var result = document.getElementById('result');
  var link = document.getElementById('quick-create-link');
  var urlText = document.getElementById('quick-create-url');

  function show(field, message) {
    var error = document.getElementById(field.id + '-error');
    error.textContent = message || '';
    field.setAttribute('aria-invalid', message ? 'true' : 'false');
    return !message;
  }
  function checkTemplateUrl() {
    var url = templateField.value.trim();
    if (url === '') return show(templateField, 'Give the HTTPS URL of the template in S3 (npx fargate-oidc publish --bucket BUCKET prints it).');
    if (!isS3Url(url)) return show(templateField, 'CloudFormation reads templates only from S3: https://BUCKET.s3.REGION.amazonaws.com/KEY.');
    var bucketRegion = s3UrlRegion(url);
    if (bucketRegion && bucketRegion !== regionField.value) {
      return show(templateField, 'The template is in ' + bucketRegion + ', but the region is ' + regionField.value +
        ': CloudFormation reads a template only from a bucket in the stack\'s region.');
    }
    return show(templateField, '');
  }
  function checkStackName() {
    var name = stackField.value.trim();
    return show(stackField, name === '' || new RegExp(rules.stackName).test(name) ? '' :
      'A stack name starts with a letter and has only letters, digits and hyphens (at most 128).');
  }
  function checkParameter(name) {
    var field = document.getElementById('p-' + name);
    return show(field, checkValue(specs[name], field.value));
  }

  var query = new URLSearchParams(window.location.search);
  if (query.get('templateURL')) templateField.value = query.get('templateURL');
  if (query.get('stackName')) stackField.value = query.get('stackName');
  var wanted = query.get('region') || s3UrlRegion(templateField.value) || rules.defaultRegion;
  if (regionField.querySelector('option[value="' + wanted.replace(/[^a-z0-9-]/g, '') + '"]')) regionField.value = wanted;

  // Fields are checked when Launch Stack is pressed; a field marked invalid is checked again as
  // it is edited, so its error clears as soon as it is fixed. (Checking on blur would move the
  // button under the pointer between mousedown and click.)
  function recheck(field, check) {
    function again() { if (field.getAttribute('aria-invalid') === 'true') check(); }
    field.addEventListener('input', again);
    field.addEventListener('change', again);
  }
  Object.keys(specs).forEach(function (name) {
    recheck(document.getElementById('p-' + name), function () { checkParameter(name); });
  });
  recheck(templateField, checkTemplateUrl);
  recheck(stackField, checkStackName);
  regionField.addEventListener('change', function () {
    if (templateField.getAttribute('aria-invalid') === 'true') checkTemplateUrl();
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    result.hidden = true;
    var firstInvalid = null;
    var fields = [templateField, stackField];
    var ok = [checkTemplateUrl(), checkStackName()];
    var values = {};
    Object.keys(specs).forEach(function (name) {
      fields.push(document.getElementById('p-' + name));
      ok.push(checkParameter(name));
      values[name] = document.getElementById('p-' + name).value;
    });
    for (var i = 0; i < fields.length; i++) if (!ok[i]) { firstInvalid = fields[i]; break; }
    if (firstInvalid) {
      var count = ok.filter(function (x) { return !x; }).length;
      status.textContent = count === 1 ? 'One field needs a fix (marked below).' : count + ' fields need a fix (marked below).';
      firstInvalid.focus();
      return;
    }
    var built = quickCreateUrl(regionField.value, templateField.value.trim(), stackField.value.trim(), specs, values);
    if (built.error) {
      status.textContent = built.error;
      return;
    }
    status.textContent = 'Opening the AWS console (' + built.length + ' of ' + rules.limit.toLocaleString('en-US') + ' characters).';
    link.href = built.url;
    urlText.textContent = built.url;
    result.hidden = false;
    window.open(built.url, '_blank', 'noopener');
  });
})();
`;

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #16191f; }
h1 { font-size: 1.6rem; }
fieldset { border: 1px solid #aab7b8; border-radius: 6px; margin: 1.5rem 0; padding: 0.5rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 0.3rem; }
.field { margin-top: 1rem; }
label { display: block; font-weight: 600; }
.name { font-weight: normal; color: #545b64; font-family: ui-monospace, monospace; font-size: 0.85em; }
input, select { font: inherit; width: 100%; box-sizing: border-box; padding: 0.35rem 0.5rem; margin-top: 0.2rem; }
.help { margin: 0.2rem 0 0; color: #545b64; font-size: 0.9rem; }
.error { margin: 0.2rem 0 0; color: #b0261c; font-size: 0.9rem; font-weight: 600; }
.error:empty { display: none; }
[aria-invalid="true"] { border: 2px solid #b0261c; }
button { font: inherit; font-weight: 700; background: #ec7211; color: #fff; border: 0; border-radius: 4px; padding: 0.6rem 1.4rem; cursor: pointer; }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #0972d3; outline-offset: 2px; }
#form-status { font-weight: 600; }
#quick-create-url { word-break: break-all; font-family: ui-monospace, monospace; font-size: 0.85rem; }
`;

/** The data the script reads: each parameter's checking fields, in template order. */
export function launchPageData(template: Obj): LaunchPageData {
  const parameters: { [name: string]: Obj } = {};
  for (const [name, spec] of Object.entries(isObj(template['Parameters']) ? template['Parameters'] : {})) {
    if (!isObj(spec)) continue;
    const kept: Obj = {};
    for (const key of ['Type', 'Default', 'NoEcho', 'AllowedPattern', 'AllowedValues', 'MinLength', 'MaxLength', 'MinValue', 'MaxValue', 'ConstraintDescription']) {
      const v = spec[key];
      if (v !== undefined) kept[key] = v;
    }
    parameters[name] = kept;
  }
  return {
    parameters,
    rules: {
      limit: QUICK_CREATE_URL_LIMIT,
      s3Host: S3_HOST_PATTERN.source,
      s3RegionHost: S3_REGION_HOST_PATTERN.source,
      stackName: STACK_NAME_PATTERN.source,
      defaultRegion: DEFAULT_CONSOLE_REGION,
    },
  };
}

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

/** The whole page. */
export function renderLaunchPage(template: Obj): string {
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
    (r) => `<option value="${r.code}"${r.code === DEFAULT_CONSOLE_REGION ? ' selected' : ''}>${escapeHtml(`${r.code}: ${r.name}`)}</option>`,
  ).join('');
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(LAUNCH_SCRIPT)}`,
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
<form id="launch-form" novalidate>
<fieldset>
<legend>Template and stack</legend>
<div class="field">
<label for="template-url">Template URL</label>
<input id="template-url" name="templateURL" type="url" aria-describedby="template-url-help template-url-error" aria-required="true" autocomplete="off" spellcheck="false">
<p class="help" id="template-url-help">HTTPS URL of out/template.yaml in an S3 bucket in the stack's region (npx fargate-oidc publish --bucket BUCKET uploads it and prints the URL).</p>
<p class="error" id="template-url-error" aria-live="polite"></p>
</div>
<div class="field">
<label for="region">Region</label>
<select id="region" name="region" aria-describedby="region-help">${regionOptions}</select>
<p class="help" id="region-help">Where the stack is created; the template's bucket must be in the same region.</p>
</div>
<div class="field">
<label for="stack-name">Stack name (optional)</label>
<input id="stack-name" name="stackName" type="text" aria-describedby="stack-name-help stack-name-error" autocomplete="off" spellcheck="false">
<p class="help" id="stack-name-help">Letters, digits and hyphens, starting with a letter. Leave empty to type it in the console.</p>
<p class="error" id="stack-name-error" aria-live="polite"></p>
</div>
</fieldset>
${fieldsets.join('\n')}
<p id="form-status" role="status" aria-live="polite"></p>
<button type="submit" id="launch">Launch Stack</button>
</form>
<section id="result" hidden>
<h2>Quick-create link</h2>
<p><a id="quick-create-link" href="#" target="_blank" rel="noopener noreferrer">Open the AWS console</a></p>
<p id="quick-create-url"></p>
</section>
</main>
<script type="application/json" id="launch-data">${scriptJson(data)}</script>
<script>${LAUNCH_SCRIPT}</script>
</body>
</html>
`;
}
