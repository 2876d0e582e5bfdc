// Trunk post-build hook: gives the built page a Content-Security-Policy that allows only its own origin.
//
// Trunk writes its WebAssembly loader as an inline <script type="module">, whose text names the hashed
// file names, so the policy allows exactly that script by its SHA-256 and nothing else inline. The
// policy goes in a <meta> right after <meta charset> (a meta policy covers only what follows it), so
// it travels with the files to any static host; docs/HOSTING.md gives the same policy as a header.
//
//   node scripts/csp.mjs [index.html]    (Trunk passes TRUNK_STAGING_DIR; a path is for trying it by hand)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const file = process.argv[2] ?? path.join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = fs.readFileSync(file, 'utf8');

if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error(`csp: ${file} already has a policy`);
  process.exit(1);
}

// Every inline script (one without src), hashed over its exact text as the browser sees it.
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
if (hashes.length === 0) {
  console.error(`csp: no inline loader script in ${file}; has Trunk's output changed?`);
  process.exit(1);
}

const policy = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the page compile WebAssembly and nothing else: eval() stays blocked.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  // data: is the empty favicon; blob: and data: are the PNG export's image URLs.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
const charset = /<meta charset="utf-8"\s*\/?>/i;
if (!charset.test(html)) {
  console.error(`csp: no <meta charset> in ${file} to put the policy after`);
  process.exit(1);
}
fs.writeFileSync(file, html.replace(charset, (m) => `${m}\n    ${meta}`));
console.log(`csp: policy written to ${file} (${hashes.length} inline script hash)`);
