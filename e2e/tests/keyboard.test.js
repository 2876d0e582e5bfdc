// Fully keyboard-operable, with visible focus: tab through every control, then operate some by key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp } from './harness.js';

const env = useBrowser();

test('every control is reachable by Tab and shows a visible focus ring; keys operate them', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const seen = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()}${el.getAttribute('role') ? '[' + el.getAttribute('role') + ']' : ''}`,
        name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.id,
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
      };
    });
    if (!f) break;
    seen.push(f);
  }
  const without = seen.filter((f) => !f.ring);
  assert.deepEqual(without, [], 'every focused control shows its focus ring');
  const kinds = new Set(seen.map((f) => f.what));
  for (const k of ['button', 'input[switch]', 'select', 'input', 'canvas[img]', 'summary']) assert.ok(kinds.has(k), `reached a ${k}`);
  assert.ok(seen.filter((f) => f.what === 'input[switch]').length >= 10, 'all drug switches reachable');
  assert.ok(seen.some((f) => f.what === 'select' && /3 months at 100 mg weekly/.test(f.name)), 'the therapy before week 0 is reachable');

  // Operate by key: a preset with Enter, a switch with Space.
  await page.getByRole('button', { name: 'Tamoxifen', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-preset=tamoxifen]').getAttribute('aria-pressed') === 'true');
  const hcg = page.getByRole('switch', { name: /^hCG/ });
  await hcg.focus();
  await page.keyboard.press('Space');
  assert.equal(await hcg.isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});
