#!/usr/bin/env node
// shorten-wasm-names.mjs -- gives the imports and exports of a wasm-bindgen bundle short names
// (`a`, `b`, …), in the wasm and in its JS glue together, and prints what it saved.
//
// wasm-bindgen names every import after the JS function and a 16-digit hash
// (`__wbg_addEventListener_3acb0aad4483804c`) and the module `./checklist_bg.js`; each name is
// stored twice, once in the wasm's import section and once as a key in the glue. Hex hashes
// hardly compress, so the names cost about 3 KB gzip in the checklist bundle. The renaming is
// safe because nothing else refers to an import or export by name: the wasm calls imports by
// index, and the glue reaches them only through the import object it builds and the
// `wasm.<export>` properties it reads, which this script rewrites. It fails (exit 1) when the
// glue does not look as expected, so a new wasm-bindgen version cannot break a bundle silently.
//
// Usage: node scripts/shorten-wasm-names.mjs <bundle>_bg.wasm <bundle>.js   (both rewritten)
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: shorten-wasm-names.mjs <bundle>_bg.wasm <bundle>.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(`shorten-wasm-names: ${gluePath}: ${message}`);
  process.exit(1);
};

/** Returns the n-th short name: a … z, A … Z, then aa, ab, … (never a JS keyword). */
const KEYWORDS = new Set(['do', 'if', 'in']);
function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  let k = n;
  do {
    name = letters[k % 52] + name;
    k = Math.floor(k / 52) - 1;
  } while (k >= 0);
  return name;
}
function* shortNames() {
  for (let n = 0; ; n += 1) {
    const name = shortName(n);
    if (!KEYWORDS.has(name)) yield name;
  }
}

// --- the wasm: rewrite the import (2) and export (7) sections, copy every other section.
const wasm = readFileSync(wasmPath);
let pos = 8;
const readU32 = (buf, at) => {
  let result = 0;
  let shift = 0;
  let p = at;
  for (;;) {
    const byte = buf[p++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [result, p];
  }
};
const u32 = (value) => {
  const out = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return Buffer.from(out);
};
const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
};
const readName = (buf, at) => {
  const [len, p] = readU32(buf, at);
  return [buf.subarray(p, p + len).toString('utf8'), p + len];
};

const importNames = new Map(); // old field name -> new
const exportNames = new Map();
const modules = new Map();
const importShort = shortNames();
const exportShort = shortNames();
const moduleNames = shortNames();
const out = [wasm.subarray(0, 8)];
while (pos < wasm.length) {
  const id = wasm[pos];
  const [size, start] = readU32(wasm, pos + 1);
  const end = start + size;
  if (id !== 2 && id !== 7) {
    out.push(wasm.subarray(pos, end));
    pos = end;
    continue;
  }
  const [count, first] = readU32(wasm, start);
  let p = first;
  const body = [u32(count)];
  for (let i = 0; i < count; i += 1) {
    if (id === 2) {
      const [module, p1] = readName(wasm, p);
      const [field, p2] = readName(wasm, p1);
      if (!modules.has(module)) modules.set(module, moduleNames.next().value);
      if (importNames.has(field)) fail(`the import \`${field}\` appears twice`);
      importNames.set(field, importShort.next().value);
      // The import's description (kind and type) is copied as it is.
      const kind = wasm[p2];
      let p3 = p2 + 1;
      if (kind === 0) [, p3] = readU32(wasm, p3); // function: type index
      else if (kind === 1) { p3 += 1; const flags = wasm[p3]; [, p3] = readU32(wasm, p3 + 1); if (flags & 1) [, p3] = readU32(wasm, p3); } // table
      else if (kind === 2) { const flags = wasm[p3]; [, p3] = readU32(wasm, p3 + 1); if (flags & 1) [, p3] = readU32(wasm, p3); } // memory
      else if (kind === 3) p3 += 2; // global: type, mutability
      else fail(`import \`${field}\` has an unknown kind ${kind}`);
      body.push(name(modules.get(module)), name(importNames.get(field)), wasm.subarray(p2, p3));
      p = p3;
    } else {
      const [field, p1] = readName(wasm, p);
      const [, p2] = readU32(wasm, p1 + 1);
      exportNames.set(field, exportShort.next().value);
      body.push(name(exportNames.get(field)), wasm.subarray(p1, p2));
      p = p2;
    }
  }
  if (p !== end) fail(`section ${id} of the wasm has ${end - p} bytes more than its entries`);
  const payload = Buffer.concat(body);
  out.push(Buffer.from([id]), u32(payload.length), payload);
  pos = end;
}
const shortened = Buffer.concat(out);
new WebAssembly.Module(shortened); // throws on a module the browser would refuse

// --- the glue: import keys, the module name and `wasm.<export>` reads.
let glue = readFileSync(gluePath, 'utf8');
const before = glue.length;
for (const [old, short] of importNames) {
  const key = new RegExp(`^(\\s+)${old.replace(/\$/g, '\\$')}: `, 'gm');
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`the import \`${old}\` is a key ${found} times in the glue, not once`);
  glue = glue.replace(key, `$1${short}: `);
}
for (const [old, short] of modules) {
  const key = `"${old}": import0`;
  if (glue.split(key).length !== 2) fail(`the glue does not name the module \`${old}\` once`);
  glue = glue.replace(key, `"${short}": import0`);
}
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, field) => {
  if (!exportNames.has(field)) fail(`the glue reads \`wasm.${field}\`, which the wasm does not export`);
  return `wasm.${exportNames.get(field)}`;
});
if (/__wbg_[\w$]*_[0-9a-f]{16}\b/.test(glue)) fail('a hashed import name is left in the glue');

writeFileSync(wasmPath, shortened);
writeFileSync(gluePath, glue);
console.log(`shorten-wasm-names: ${importNames.size} imports, ${exportNames.size} exports: `
  + `wasm ${wasm.length} -> ${shortened.length} B, glue ${before} -> ${glue.length} B`);
