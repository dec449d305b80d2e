/// <reference lib="dom" />
/**
 * The launch page's script, bundled for the browser by esbuild at build time (`bundle.ts`) and
 * inlined into `out/launch.html`. It wires the form to the functions the CLI uses: the checks
 * of `form-checks.ts` (the parameter values through `checkTemplateValues`, Rules included) and
 * `quickCreateLink` (the same URL, the same 1,024-character limit and message). The page's data
 * (Parameters, Rules, the whole-number list) is a JSON `<script id="launch-data">`.
 *
 * - Launch Stack checks every field. On problems: each field shows its message (aria-invalid,
 *   tied with aria-describedby; a failed rule on each field it names), and a summary at the top
 *   lists each problem once, linked to its first field, and takes the focus, so it is read out
 *   and in view wherever the button was pressed.
 * - A field marked invalid is checked again as it is edited; the summary follows.
 * - The region picker follows the region a pasted template URL names (its bucket's region).
 * - The result (the link and the URL) is shown at the top too, and takes the focus: the link
 *   is there if the browser blocked the new tab.
 */
import { QuickCreateUrlTooLongError } from '../../errors';
import { checkTemplateValues, type ValueProblem } from '../../template/parameter-rules';
import type { Parameter } from '../../template/cfn';
import { QUICK_CREATE_URL_LIMIT, quickCreateLink, s3UrlRegion } from '../quick-create';
import { checkLaunchForm, fieldId, type FormProblem, type LaunchForm, TEMPLATE_URL_FIELD } from './form-checks';
import type { LaunchPageData } from './page-data';

/** What the page exposes for its browser test: the bundled functions as the page runs them. */
export interface LaunchPageApi {
  /** The quick-create URL and its length, or the CLI's message when it is too long. */
  quickCreateUrl(
    region: string,
    templateUrl: string,
    stackName: string,
    specs: { [name: string]: Parameter },
    values: { [name: string]: string },
  ): { url: string; length: number } | { error: string };
  /** `checkTemplateValues` as the page runs it, on the page's own data (a new stack: defaults for the rest). */
  checkValues(values: { [name: string]: string }): ValueProblem[];
}

declare global {
  interface Window {
    fargateOidcLaunch?: LaunchPageApi;
  }
}

/** A checked form field. */
type Field = HTMLInputElement | HTMLSelectElement;

function element<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`launch page: no element #${id}`);
  return e as T;
}

function quickCreateUrl(
  ...[region, templateUrl, stackName, specs, values]: Parameters<LaunchPageApi['quickCreateUrl']>
): ReturnType<LaunchPageApi['quickCreateUrl']> {
  try {
    const link = quickCreateLink({ region, templateUrl, stackName: stackName || undefined, specs, values });
    return { url: link.url, length: link.length };
  } catch (e) {
    if (e instanceof QuickCreateUrlTooLongError) return { error: e.message };
    throw e;
  }
}

const data = JSON.parse(element('launch-data').textContent ?? '{}') as LaunchPageData;
window.fargateOidcLaunch = { quickCreateUrl, checkValues: (values) => checkTemplateValues(data, new Map(Object.entries(values))) };

const form = element<HTMLFormElement>('launch-form');
const regionField = element<HTMLSelectElement>('region');
const regionNote = element('region-note');
const templateField = element<HTMLInputElement>(TEMPLATE_URL_FIELD);
const stackField = element<HTMLInputElement>('stack-name');
const summary = element('error-summary');
const summaryTitle = element('error-summary-title');
const summaryList = element('error-summary-list');
const status = element('form-status');
const result = element('result');
const link = element<HTMLAnchorElement>('quick-create-link');
const urlText = element('quick-create-url');
/** Every checked field, in page order (the order of the summary). */
const fields: Field[] = Array.from(form.querySelectorAll<Field>('input, select')).filter((f) => f.id !== regionField.id);

function readForm(): LaunchForm {
  const values: { [name: string]: string } = {};
  for (const name of Object.keys(data.Parameters)) values[name] = element<HTMLInputElement>(fieldId(name)).value;
  return { region: regionField.value, templateUrl: templateField.value.trim(), stackName: stackField.value.trim(), values };
}

/** Shows each field's problems under it (or none); only `which` fields when given. */
function markFields(problems: readonly FormProblem[], which: readonly Field[] = fields): void {
  for (const field of which) {
    const message = problems
      .filter((p) => p.fields.includes(field.id))
      .map((p) => p.message)
      .join(' ');
    element(`${field.id}-error`).textContent = message;
    field.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
}

/** The text of a field's label, without the parameter name beside it. */
function labelText(field: HTMLElement): string {
  const label = form.querySelector(`label[for="${field.id}"]`);
  const name = label?.querySelector('.name');
  const text = label?.textContent ?? field.id;
  return (name ? text.slice(0, text.length - (name.textContent ?? '').length) : text).trim();
}

/** The summary at the top: a title and either links to fields or one message. */
function showSummary(title: string, items: readonly (FormProblem | string)[], focus: boolean): void {
  summaryTitle.textContent = title;
  summaryList.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      if (typeof item === 'string') {
        li.textContent = item;
      } else {
        const a = document.createElement('a');
        const [first = TEMPLATE_URL_FIELD] = item.fields;
        a.href = `#${first}`;
        // A rule's message names its parameters itself; one field's message is under its label.
        a.textContent = item.fields.length === 1 ? `${labelText(element(first))}: ${item.message}` : item.message;
        li.append(a);
      }
      return li;
    }),
  );
  summary.hidden = false;
  if (focus) summary.focus();
}

/** Where a problem's first field is on the page (the summary's order). */
function pagePosition(problem: FormProblem): number {
  const i = fields.findIndex((f) => problem.fields.includes(f.id));
  return i < 0 ? fields.length : i;
}

/** The summary of field problems: each problem once, in page order; the title counts the fields. */
function showFieldSummary(problems: readonly FormProblem[], focus: boolean): void {
  const count = fields.filter((f) => problems.some((p) => p.fields.includes(f.id))).length;
  if (problems.length === 0) {
    summary.hidden = true;
    return;
  }
  const ordered = [...problems].sort((a, b) => pagePosition(a) - pagePosition(b));
  showSummary(count === 1 ? 'One field needs a fix' : `${count} fields need a fix`, ordered, focus);
}

/** Checks the fields marked invalid again (as they are edited), and the summary with them. */
function recheck(): void {
  const marked = fields.filter((f) => f.getAttribute('aria-invalid') === 'true');
  if (marked.length === 0) return;
  const problems = checkLaunchForm(readForm(), data);
  markFields(problems, marked);
  if (!summary.hidden && summary.dataset['kind'] === 'fields') {
    showFieldSummary(
      problems.filter((p) => marked.some((f) => p.fields.includes(f.id))),
      false,
    );
  }
}

/** Sets the region picker to the region the template URL names, if it names one the picker offers. */
function followTemplateRegion(): void {
  const region = s3UrlRegion(templateField.value.trim());
  if (!region || !regionField.querySelector(`option[value="${region}"]`)) return;
  if (regionField.value !== region) regionField.value = region;
  regionNote.textContent = `Set to ${region}, the region in the template URL.`;
}

const query = new URLSearchParams(window.location.search);
templateField.value = query.get('templateURL') ?? '';
stackField.value = query.get('stackName') ?? '';
const asked = (query.get('region') ?? '').replace(/[^a-z0-9-]/g, '');
if (asked && regionField.querySelector(`option[value="${asked}"]`)) regionField.value = asked;
else followTemplateRegion();

templateField.addEventListener('input', followTemplateRegion); // before recheck, which then sees the new region
for (const field of fields) {
  field.addEventListener('input', recheck);
  field.addEventListener('change', recheck);
}
regionField.addEventListener('change', () => {
  regionNote.textContent = '';
  recheck(); // a template URL refused for its region may be fine now
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  result.hidden = true;
  status.textContent = '';
  const f = readForm();
  const problems = checkLaunchForm(f, data);
  markFields(problems);
  if (problems.length > 0) {
    summary.dataset['kind'] = 'fields';
    showFieldSummary(problems, true);
    return;
  }
  const built = quickCreateUrl(f.region, f.templateUrl, f.stackName, data.Parameters, f.values);
  if ('error' in built) {
    summary.dataset['kind'] = 'link';
    showSummary('The quick-create URL is too long', [built.error], true);
    return;
  }
  summary.hidden = true;
  status.textContent = `Opening the AWS console (${built.length} of ${QUICK_CREATE_URL_LIMIT.toLocaleString('en-US')} characters).`;
  link.href = built.url;
  urlText.textContent = built.url;
  result.hidden = false;
  result.focus();
  window.open(built.url, '_blank', 'noopener');
});
