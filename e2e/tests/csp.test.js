// The Content-Security-Policy: only the page's own origin, WebAssembly compilation, and Trunk's loader by
// hash. Every other test also runs under it and fails on any console error, so a violation anywhere in
// the app (an inline style, a script, a request elsewhere) fails the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, DIST, openApp } from './harness.js';

const env = useBrowser();

/** The policy as a map from directive to its sources. */
function parse(policy) {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

test('the built page carries a policy that allows only its own origin', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(meta, 'dist/index.html has a CSP meta');
  // A meta policy covers only what follows it: it must come before any script or stylesheet.
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<script') && html.indexOf(meta[0]) < html.indexOf('<link rel="stylesheet"'));
  const p = parse(meta[1]);
  assert.deepEqual(p['default-src'], ["'self'"]);
  assert.deepEqual(p['style-src'], ["'self'"]);
  assert.deepEqual(p['connect-src'], ["'self'"]);
  assert.deepEqual(p['object-src'], ["'none'"]);
  assert.deepEqual(p['base-uri'], ["'none'"]);
  const [self, wasm, ...hashes] = p['script-src'];
  assert.deepEqual([self, wasm], ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(hashes.length >= 1 && hashes.every((h) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(h)), `only hashes besides: ${hashes}`);
  for (const [name, sources] of Object.entries(p)) {
    // Images may also be data: (the empty favicon) and blob: (the PNG export); nothing may be loose.
    const allowed = name === 'img-src' ? ["'self'", 'data:', 'blob:'] : null;
    for (const s of sources) {
      assert.ok(!["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:'].includes(s), `${name} ${s}`);
      if (allowed) assert.ok(allowed.includes(s), `${name} ${s}`);
      else assert.ok(!['data:', 'blob:'].includes(s), `${name} ${s}`);
    }
  }
  // No inline event handlers in the page as shipped.
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
});

test('the policy is enforced, and the running app has no inline handlers or styles', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=post-trt-restart');
  // Open the dialog, so its markup is checked too.
  await page.getByRole('button', { name: 'Embed' }).click();
  await page.getByRole('dialog').waitFor();

  const seen = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    const div = document.createElement('div');
    div.setAttribute('style', 'color: red');
    document.body.append(div);
    await new Promise((r) => setTimeout(r, 50));
    const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
    );
    const styled = [...document.querySelectorAll('[style]')].filter((el) => el !== div).map((el) => el.getAttribute('style'));
    return { injected: window.injected === true, violations, handlers, styledColor: getComputedStyle(div).color, styled };
  });
  assert.equal(seen.injected, false, 'an injected inline script does not run');
  // (eval cannot be tried from here: the test's own evaluation bypasses the page's policy. The policy
  // text above has no 'unsafe-eval'.)
  assert.ok(seen.violations.includes('script-src-elem'), `violations: ${seen.violations}`);
  assert.ok(seen.violations.includes('style-src-attr'), `violations: ${seen.violations}`);
  assert.notEqual(seen.styledColor, 'rgb(255, 0, 0)', 'an inline style attribute does not apply');
  assert.deepEqual(seen.handlers, [], 'no inline event handlers');
  // The app's own styles are CSSOM properties, which the policy allows; none came from markup.
  assert.ok(seen.styled.length > 0);
  // The two refusals above are the only console errors.
  assert.equal(problems.filter((m) => !/Content Security Policy/.test(m)).length, 0, problems.join('\n'));
  assert.equal(problems.length, 2, problems.join('\n'));
  await context.close();
});
