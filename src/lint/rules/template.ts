/**
 * Rules on the file itself: it must parse, and it must look like a CloudFormation template.
 * They run first; when one reports, no other rule runs (there is nothing to read).
 */
import { isObject } from '../types';
import { defineRule } from './types';

export const TEMPLATE_RULES = [
  defineRule({
    id: 'FO001',
    severity: 'error',
    stage: 'file',
    title: 'Template does not parse (YAML/JSON syntax, duplicate keys)',
    help: 'CloudFormation rejects a template that does not parse; a duplicate key would silently replace the first value in other tools.',
    fix: 'Fix the syntax at the reported line; remove or merge duplicate keys.',
    check: ({ source }) =>
      source.parseErrors.map((e) => ({
        path: [],
        position: e.position,
        message: `${e.message}. Fix the syntax; CloudFormation rejects the template.`,
      })),
  }),
  defineRule({
    id: 'FO002',
    severity: 'error',
    stage: 'file',
    title: 'Not a CloudFormation template (no Resources mapping)',
    help: 'Every CloudFormation template has a Resources mapping; without one the file is something else (a workflow, a config file).',
    fix: 'Lint the template file (e.g. out/template.yaml).',
    check: ({ source }) =>
      source.parseErrors.length > 0 || (isObject(source.data) && isObject(source.data['Resources']))
        ? []
        : [{ path: [], position: { line: 1, col: 1 }, message: 'No Resources mapping: this is not a CloudFormation template. Lint the template file (e.g. out/template.yaml).' }],
  }),
] as const;
