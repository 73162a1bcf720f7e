// Checks a FollowTheMoney JSON-lines file against the FtM model of @alephdata/followthemoney.
// Usage: node validate-ftm.mjs entities.ftm.jsonl
// Prints one JSON line {"entities": N, "schemata": {...}, "errors": [...]} and exits 1 when there are errors.
import { readFileSync } from 'node:fs';
import ftm from '@alephdata/followthemoney';

const { Model, defaultModel } = ftm;
const model = new Model(defaultModel);
const types = defaultModel.types;
const datePattern = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/;
const errors = [];
const entities = [];
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
lines.forEach((line, i) => {
  try {
    entities.push({ line: i + 1, entity: JSON.parse(line) });
  } catch (e) {
    errors.push(`line ${i + 1}: not JSON (${e.message})`);
  }
});

const byId = new Map();
for (const { line, entity } of entities) {
  if (typeof entity.id !== 'string' || entity.id === '') errors.push(`line ${line}: no id`);
  else if (byId.has(entity.id)) errors.push(`line ${line}: id ${entity.id} repeats line ${byId.get(entity.id).line}`);
  else byId.set(entity.id, { line, entity });
}

const counts = {};
for (const { line, entity } of entities) {
  const where = `line ${line} (${entity.schema} ${entity.id})`;
  let schema;
  try {
    schema = model.getSchema(entity.schema);
  } catch {
    schema = undefined;
  }
  if (!schema) {
    errors.push(`${where}: no schema '${entity.schema}' in the FtM model`);
    continue;
  }
  if (schema.abstract) errors.push(`${where}: schema ${schema.name} is abstract`);
  counts[schema.name] = (counts[schema.name] ?? 0) + 1;
  const props = entity.properties ?? {};
  if (typeof props !== 'object' || Array.isArray(props)) {
    errors.push(`${where}: properties is not an object`);
    continue;
  }
  const required = new Set([schema, ...schema.getParents()].flatMap((s) => s.required ?? []));
  for (const name of required) {
    if (!Array.isArray(props[name]) || props[name].length === 0) errors.push(`${where}: required property ${name} missing`);
  }
  for (const [name, values] of Object.entries(props)) {
    if (!schema.hasProperty(name)) {
      errors.push(`${where}: ${schema.name} has no property '${name}'`);
      continue;
    }
    const prop = schema.getProperty(name);
    if (prop.stub) errors.push(`${where}: ${name} is a reverse (stub) property; write it on the other side`);
    if (!Array.isArray(values) || values.length === 0) {
      errors.push(`${where}: ${name} must be a non-empty array of strings`);
      continue;
    }
    for (const value of values) {
      if (typeof value !== 'string' || value.trim() === '') {
        errors.push(`${where}: ${name} has a value that is not a non-empty string`);
        continue;
      }
      if (prop.maxLength && value.length > prop.maxLength) errors.push(`${where}: ${name} longer than ${prop.maxLength}`);
      const type = prop.type.name;
      if (type === 'date' && !datePattern.test(value)) errors.push(`${where}: ${name} '${value}' is not an ISO date`);
      if (['country', 'language', 'topic', 'gender'].includes(type) && types[type].values && !(value in types[type].values))
        errors.push(`${where}: ${name} '${value}' is not a ${type} code`);
      if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) errors.push(`${where}: ${name} '${value}' is not a number`);
      if (type === 'checksum' && !/^[0-9a-f]{40}$/.test(value)) errors.push(`${where}: ${name} '${value}' is not a SHA-1 checksum`);
      if (type === 'entity') {
        const target = byId.get(value);
        if (!target) errors.push(`${where}: ${name} points at ${value}, which is not exported`);
        else {
          const range = prop.getRange();
          const targetSchema = model.getSchema(target.entity.schema);
          if (range && !targetSchema.isA(range)) errors.push(`${where}: ${name} points at a ${targetSchema.name}, not a ${range.name}`);
        }
      }
    }
  }
}

console.log(JSON.stringify({ entities: entities.length, schemata: counts, errors }));
process.exit(errors.length === 0 && entities.length > 0 ? 0 : 1);
