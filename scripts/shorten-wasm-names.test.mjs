// shorten-wasm-names.test.mjs -- checks scripts/shorten-wasm-names.mjs against V8's own wasm
// reader (`WebAssembly.Module.imports` / `.exports`), not against its hand-written parser:
//   1. on a small module built here with every kind of import (function, table, memory,
//      global) under wasm-bindgen's hashed names, and its glue in wasm-bindgen's shape: the
//      renamed module has the same imports and exports, of the same kinds in the same order,
//      under the names a, b, c, …; every other section is unchanged byte for byte; and the
//      rewritten glue still instantiates the module and calls through both ways (an export
//      calls an import with an imported global's value). A glue that lacks an import, or reads
//      an export the wasm does not have, is refused (exit 1) and nothing is written;
//   2. on the committed bundles that went through the script (scripts/wasm-bundles.sh, step
//      `shorten`): the import object their glue builds has exactly the wasm's imports, module
//      and name, each a function where the wasm imports one, and all names are short.
// Run by the test command: node --test scripts/shorten-wasm-names.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'scripts/shorten-wasm-names.mjs');

/** The short names the script promises, in order: a … z, A … Z, aa, … (no JS keyword). */
function expectedNames(count) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const names = [];
  for (let n = 0; names.length < count; n += 1) {
    let name = '';
    for (let k = n; k >= 0; k = Math.floor(k / 52) - 1) name = letters[k % 52] + name;
    if (!['do', 'if', 'in'].includes(name)) names.push(name);
  }
  return names;
}

// ------------------------------------------------------------------ a module built by hand
const leb = (value) => {
  const out = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
};
const str = (text) => [...leb(Buffer.byteLength(text)), ...Buffer.from(text)];
const vec = (items) => [...leb(items.length), ...items.flat()];
const section = (id, body) => [id, ...leb(body.length), ...body];

const MODULE = './t_bg.js';
const IMPORTS = {
  log: '__wbg_log_0123456789abcdef',
  table: '__wbg_table_fedcba9876543210',
  memory: '__wbg_memory_00112233445566ff',
  flag: '__wbg_flag_aabbccddeeff0011',
};
function builtModule() {
  const types = vec([[0x60, 1, 0x7f, 0], [0x60, 0, 0]]); // (i32) -> (), () -> ()
  const imports = vec([
    [...str(MODULE), ...str(IMPORTS.log), 0x00, 0], // function of type 0
    [...str(MODULE), ...str(IMPORTS.table), 0x01, 0x70, 0x00, 1], // funcref table, min 1
    [...str(MODULE), ...str(IMPORTS.memory), 0x02, 0x00, 1], // memory, min 1 page
    [...str(MODULE), ...str(IMPORTS.flag), 0x03, 0x7f, 0x00], // immutable i32 global
  ]);
  const functions = vec([[1], [1]]); // mount, start: () -> ()
  const exports = vec([
    [...str('mount'), 0x00, 1],
    [...str('__wbindgen_start'), 0x00, 2],
    [...str('memory'), 0x02, 0],
  ]);
  const code = vec([
    [...leb(6), 0, 0x23, 0, 0x10, 0, 0x0b], // no locals; global.get 0, call 0
    [...leb(2), 0, 0x0b],
  ]);
  const custom = [...str('note'), ...Buffer.from('kept as it is')];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, types), ...section(2, imports), ...section(3, functions),
    ...section(7, exports), ...section(10, code), ...section(0, custom),
  ]);
}

const GLUE = `let wasm;
export const calls = [];
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        ${IMPORTS.log}: function(arg0) {
            calls.push(arg0);
        },
        ${IMPORTS.table}: new WebAssembly.Table({ element: 'anyfunc', initial: 1 }),
        ${IMPORTS.memory}: new WebAssembly.Memory({ initial: 1 }),
        ${IMPORTS.flag}: new WebAssembly.Global({ value: 'i32', mutable: false }, 7),
    };
    return {
        __proto__: null,
        "${MODULE}": import0,
    };
}
export function mount() {
    wasm.mount();
    return wasm.memory.buffer.byteLength;
}
export function initSync(module) {
    const instance = new WebAssembly.Instance(module, __wbg_get_imports());
    wasm = instance.exports;
    wasm.__wbindgen_start();
}
`;

/** The sections of a module other than imports (2) and exports (7), as id and bytes. */
function otherSections(bytes) {
  const sections = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    let size = 0;
    let shift = 0;
    let p = pos + 1;
    for (;;) {
      const byte = bytes[p++];
      size |= (byte & 0x7f) << shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    if (id !== 2 && id !== 7) sections.push([id, bytes.subarray(p, p + size).toString('hex')]);
    pos = p + size;
  }
  return sections;
}

/** Writes the module and a glue into a fresh folder and runs the script on them. */
function shorten(glue) {
  const dir = mkdtempSync(join(tmpdir(), 'shorten-'));
  const wasmPath = join(dir, 't_bg.wasm');
  const gluePath = join(dir, 't.js');
  writeFileSync(wasmPath, builtModule());
  writeFileSync(gluePath, glue);
  const run = spawnSync(process.execPath, [SCRIPT, wasmPath, gluePath], { encoding: 'utf8' });
  return { run, wasmPath, gluePath };
}

test('the renaming agrees with V8 and the glue still calls through', async () => {
  const { run, wasmPath, gluePath } = shorten(GLUE);
  assert.equal(run.status, 0, run.stderr);
  const before = new WebAssembly.Module(builtModule());
  const after = new WebAssembly.Module(readFileSync(wasmPath));
  const importsBefore = WebAssembly.Module.imports(before);
  const importsAfter = WebAssembly.Module.imports(after);
  assert.deepEqual(importsBefore.map((i) => i.name), Object.values(IMPORTS));
  assert.deepEqual(
    importsAfter,
    importsBefore.map((i, k) => ({ module: 'a', name: expectedNames(4)[k], kind: i.kind })),
  );
  const exportsBefore = WebAssembly.Module.exports(before);
  assert.deepEqual(
    WebAssembly.Module.exports(after),
    exportsBefore.map((e, k) => ({ name: expectedNames(3)[k], kind: e.kind })),
  );
  assert.deepEqual(otherSections(readFileSync(wasmPath)), otherSections(builtModule()));

  const glue = readFileSync(gluePath, 'utf8');
  assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}|t_bg\.js|wasm\.(mount|memory|__wbindgen_start)\b/);
  const page = await import(pathToFileURL(gluePath).href);
  page.initSync(after);
  assert.equal(page.mount(), 65536, 'the exported memory is the imported one');
  assert.deepEqual(page.calls, [7], 'the export called the import with the global');
});

test('a glue that does not match the wasm is refused and nothing is written', () => {
  const cases = [
    [GLUE.replace(`${IMPORTS.flag}:`, 'other:'), `the import \`${IMPORTS.flag}\` is a key 0 times`],
    [GLUE.replace('wasm.mount();', 'wasm.mount(); wasm.unmount();'), 'reads `wasm.unmount`'],
    [GLUE.replace(`"${MODULE}": import0`, '"./u_bg.js": import0'), 'does not name the module'],
  ];
  for (const [glue, message] of cases) {
    const { run, wasmPath, gluePath } = shorten(glue);
    assert.equal(run.status, 1, `${message}: ${run.stdout}`);
    assert.match(run.stderr, new RegExp(message.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')));
    assert.deepEqual(readFileSync(wasmPath), builtModule(), 'the wasm is unchanged');
    assert.equal(readFileSync(gluePath, 'utf8'), glue, 'the glue is unchanged');
  }
});

// ------------------------------------------------------------------ the committed bundles
/** The bundles whose steps include `shorten`, from the one list of bundles. */
function shortenedBundles() {
  const rows = execFileSync('bash', ['-c', '. scripts/wasm-bundles.sh; wasm_package_names | while read -r p; do '
    + 'dir=$(wasm_package_row "$p" | awk \'{print $2}\'); '
    + 'wasm_bundle_rows "$p" | awk -v d="$dir" \'/ shorten( |$)/ {print d "/" $2}\'; done'],
  { cwd: ROOT, encoding: 'utf8' });
  return rows.split('\n').filter(Boolean);
}

test('every committed shortened bundle: the glue imports exactly what the wasm asks for', async () => {
  const bundles = shortenedBundles();
  assert.ok(bundles.length >= 2, `bundles: ${bundles}`);
  for (const bundle of bundles) {
    const module = new WebAssembly.Module(readFileSync(join(ROOT, `${bundle}_bg.wasm`)));
    const wanted = WebAssembly.Module.imports(module);
    const modules = [...new Set(wanted.map((i) => i.module))];
    assert.deepEqual(modules, expectedNames(modules.length), `${bundle}: module names`);
    assert.deepEqual(
      [...new Set(wanted.map((i) => i.name))],
      expectedNames(wanted.length),
      `${bundle}: import names`,
    );
    const exported = WebAssembly.Module.exports(module).map((e) => e.name);
    assert.deepEqual(exported, expectedNames(exported.length), `${bundle}: export names`);

    // The glue builds its import object and hands it to WebAssembly.Instance: catch it there.
    const dir = mkdtempSync(join(tmpdir(), 'glue-'));
    const copy = join(dir, 'glue.mjs');
    copyFileSync(join(ROOT, `${bundle}.js`), copy);
    const glue = await import(pathToFileURL(copy).href);
    const RealInstance = WebAssembly.Instance;
    let given;
    WebAssembly.Instance = function capture(_module, imports) {
      given = imports;
      throw new Error('captured');
    };
    try {
      assert.throws(() => glue.initSync({ module }), /captured/);
    } finally {
      WebAssembly.Instance = RealInstance;
    }
    const offered = Object.entries(given).flatMap(([name, fields]) => Object.entries(fields)
      .map(([field, value]) => ({ module: name, name: field, kind: typeof value })));
    const key = (i) => `${i.module}.${i.name}`;
    assert.deepEqual(offered.map(key).sort(), wanted.map(key).sort(), `${bundle}: imports`);
    for (const i of wanted.filter((w) => w.kind === 'function')) {
      assert.equal(typeof given[i.module][i.name], 'function', `${bundle}: ${key(i)}`);
    }
    // And with that import object the module links.
    new WebAssembly.Instance(module, given);
  }
});
