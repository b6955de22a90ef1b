// Loads schemas/ and checks the conventions of schemas/README.md, so that every generator
// downstream can rely on them (unique definition names, titles, descriptions, actions complete).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Block files in registry order: Core first, then the 1.6 profiles, then Security. */
export const BLOCK_FILES = [
  'core',
  'firmware-management',
  'local-auth-list-management',
  'reservation',
  'smart-charging',
  'remote-trigger',
  'security',
];
export const TYPES_FILE = 'types';
export const PROFILES = [
  'Core',
  'FirmwareManagement',
  'LocalAuthListManagement',
  'Reservation',
  'SmartCharging',
  'RemoteTrigger',
  'Security',
];
const SENDERS = ['ChargePoint', 'CentralSystem', 'Both'];
const ANNOTATIONS = new Set(['title', 'description', 'xsd', '$comment']);

/** The id prefix of every schema file; the file name follows it. */
export const ID_PREFIX = 'urn:ocppkit:ocpp1.6:';

/**
 * Reads every schema file and returns the model: files, definitions by (globally unique) name
 * and actions in registry order. Throws one error listing every convention broken.
 */
export function loadModel(root) {
  const problems = [];
  const files = [TYPES_FILE, ...BLOCK_FILES].map((name) => {
    const path = join(root, 'schemas', `${name}.json`);
    let schema;
    try {
      schema = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`schemas/${name}.json: ${error.message}`, { cause: error });
    }
    if (schema.$id !== ID_PREFIX + name) problems.push(`${name}.json: $id must be ${ID_PREFIX}${name}`);
    return { name, schema };
  });

  const defs = new Map();
  for (const file of files) {
    for (const [key, def] of Object.entries(file.schema.$defs ?? {})) {
      const where = `${file.name}.json#/$defs/${key}`;
      if (defs.has(key)) problems.push(`${where}: the name is also defined in ${defs.get(key).file}.json`);
      if (def.title !== key) problems.push(`${where}: title must equal the key`);
      if (!def.description) problems.push(`${where}: needs a description`);
      for (const [prop, sub] of Object.entries(def.properties ?? {})) {
        if (!sub.description) problems.push(`${where}/properties/${prop}: needs a description`);
      }
      defs.set(key, { name: key, file: file.name, schema: def });
    }
  }

  const actions = [];
  for (const file of files.slice(1)) {
    const { ocppProfile, ocppActions } = file.schema;
    if (!PROFILES.includes(ocppProfile)) problems.push(`${file.name}.json: unknown ocppProfile ${ocppProfile}`);
    for (const [name, meta] of Object.entries(ocppActions ?? {})) {
      if (!SENDERS.includes(meta.sentBy)) problems.push(`${file.name}.json: ${name}.sentBy must be one of ${SENDERS}`);
      if (!meta.description) problems.push(`${file.name}.json: ${name} needs a description`);
      for (const suffix of ['Request', 'Response']) {
        const def = defs.get(name + suffix);
        if (!def || def.file !== file.name) problems.push(`${file.name}.json: $defs/${name}${suffix} is missing`);
        else if (def.schema.type !== 'object') problems.push(`${file.name}.json: ${name}${suffix} must be an object`);
      }
      actions.push({
        name,
        sentBy: meta.sentBy,
        description: meta.description,
        profile: ocppProfile,
        file: file.name,
        request: `${name}Request`,
        response: `${name}Response`,
      });
    }
  }

  walkRefs(files, (ref, where) => {
    if (!defs.has(refName(ref))) problems.push(`${where}: $ref ${ref} does not resolve`);
  });
  if (problems.length > 0) throw new Error(`schemas/ breaks its conventions:\n  ${problems.join('\n  ')}`);
  return { files, defs, actions };
}

/** The definition name a `$ref` points at (names are unique across files). */
export function refName(ref) {
  const match = /^(?:urn:ocppkit:ocpp1\.6:[a-z-]+)?#\/\$defs\/([A-Za-z0-9]+)$/.exec(ref);
  return match ? match[1] : undefined;
}

function walkRefs(files, visit) {
  const walk = (node, where) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') visit(value, where);
        else if (key !== 'enum') walk(value, `${where}/${key}`);
      }
    }
  };
  for (const file of files) walk(file.schema.$defs, `${file.name}.json#/$defs`);
}

/** A deep copy of a schema without annotation keywords (they are not needed to validate). */
export function stripAnnotations(node) {
  if (Array.isArray(node)) return node.map(stripAnnotations);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key) || key.startsWith('ocpp')) continue;
    // Under `properties` and `$defs` the keys are names, not keywords.
    if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripAnnotations(v)]));
    } else out[key] = key === 'enum' ? [...value] : stripAnnotations(value);
  }
  return out;
}
