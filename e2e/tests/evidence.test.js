// "How we know": every published outcome as a row (its accepted range and the model's value), the rows about
// the drugs on screen first, the visible and cross-validated scores in plain words; fetched only when opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, openApp, screenshot, DIST } from './harness.js';

const env = useBrowser();
const evidence = JSON.parse(fs.readFileSync(`${DIST}/evidence.json`, 'utf8'));

test('How we know shows every published outcome, the drugs on screen first, and both scores', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=clomiphene-anastrozole');
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const section = page.getByTestId('evidence');
  assert.ok(!requested.some((p) => p.endsWith('/evidence.json')), 'not fetched before it is opened');
  await section.locator('summary').click();
  const headline = section.getByTestId('evidence-headline');
  await headline.waitFor();
  const cvShare = Math.round((100 * evidence.cross_validated) / evidence.cross_validated_of);
  assert.match(
    await headline.innerText(),
    new RegExp(`reproduces ${evidence.passed} of ${evidence.total} published outcomes .* it reproduces ${evidence.cross_validated} of ${evidence.cross_validated_of} \\(${cvShare} %\\)`),
  );
  assert.equal(await section.locator('tbody tr').count(), evidence.total, 'a row per outcome');
  assert.equal(await section.locator('tbody tr .evidence-bar').count(), evidence.total, 'a bar per outcome');
  const first = await section.locator('h3').first().innerText();
  assert.match(first, /Clomiphene citrate|Anastrozole/, `the drugs on screen come first: ${first}`);
  assert.equal(await section.locator('tbody tr.outside').count(), evidence.total - evidence.passed, 'each miss is marked');
  await screenshot(page, 'how-we-know');
  assert.deepEqual(problems, []);
  await context.close();
});

test('How we know reads in Spanish', async () => {
  const { page, context, problems } = await openApp(env, '/?lang=es&preset=trt');
  const section = page.getByTestId('evidence');
  await section.locator('summary').click();
  await section.getByTestId('evidence-headline').waitFor();
  assert.match(await section.locator('summary').innerText(), /Cómo lo sabemos/);
  assert.match(await section.getByTestId('evidence-headline').innerText(), /^El modelo reproduce \d+ de \d+ resultados publicados/);
  assert.match(await section.locator('thead').first().innerText(), /Estudio.*Rango aceptado/s);
  assert.deepEqual(problems, []);
  await context.close();
});
