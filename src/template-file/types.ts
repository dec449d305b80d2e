/** The shapes a decoded template is made of: JSON values, paths into them, positions in the file. */

/** JSON data as decoded from a template (intrinsic short forms already in their long form). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A key or index path into a decoded template, e.g. `['Resources', 'Role', 'Properties']`. */
export type JsonPath = readonly (string | number)[];

/** A 1-based position in a file. */
export interface Position {
  line: number;
  col: number;
}

/** Narrows a value to a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
