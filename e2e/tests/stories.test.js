// Guided stories: each story walked step by step as a learner would, its numbers read from the page and
// held to `hpg-sim story` (the same model run on the command line); a prediction hides the curves until
// the learner answers; a story opens from a link at a step, also in an embed, and ends in the sandbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBrowser, openApp, screenshot, canvasPixels, waitForRedraw, seriousViolations } from './harness.js';

const env = useBrowser();
const HPG_SIM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'release', 'hpg-sim');
const STORIES = ['trt-sperm', 'recovery-months', 'gnrh-pulses', 'clomiphene-halves', 'too-much-anastrozole', 'restart-after-trt'];

/** The CLI's steps of a story: title, text, the right choice and why (when the step asks). */
function cliSteps(id) {
  const out = execFileSync(HPG_SIM, ['story', id, '--depth', 'clinical']).toString();
  return out
    .split(/\n\n(?=\d+\. )/)
    .slice(1)
    .map((block) => {
      const lines = block.split('\n');
      const title = lines[0].replace(/^\d+\. /, '').replace(/ {2}\(\?story=.*$/, '');
      const choices = lines.filter((l) => /^ {2}[*-] /.test(l));
      return {
        title,
        text: lines[1],
        right: choices.find((l) => l.startsWith('  * '))?.slice(4),
        wrong: choices.find((l) => l.startsWith('  - '))?.slice(4),
        why: lines.find((l) => l.startsWith('Why: '))?.slice(5),
      };
    });
}

test('every story, step by step: the numbers on the page are the model\'s, predictions hide then reveal', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Clinical').check();
  const panel = page.getByTestId('story');
  for (const id of STORIES) {
    const expected = cliSteps(id);
    assert.ok(expected.length >= 4 && expected.length <= 8, `${id}: ${expected.length} steps`);
    await page.locator(`button[data-story=${id}]`).click();
    for (const [i, step] of expected.entries()) {
      await panel.getByRole('heading', { name: step.title }).waitFor();
      await page.waitForFunction((s) => new URLSearchParams(location.search).get('step') === String(s), i + 1);
      assert.equal(new URL(page.url()).searchParams.get('story'), id);
      const text = page.getByTestId('story-text');
      await page.waitForFunction((want) => document.querySelector('[data-testid=story-text]').textContent === want, step.text)
        .catch(async () => assert.equal(await text.textContent(), step.text, `${id} step ${i + 1}`));
      assert.doesNotMatch(await text.textContent(), /[{}]/, 'every placeholder filled');
      await page.waitForFunction(() => document.querySelectorAll('.tour-target').length === 1, null, { timeout: 30_000 });
      if (step.right) {
        // Hidden: the labs, the words and the readout beyond the question's day say nothing yet.
        assert.equal(await page.locator('section.labs').isVisible(), false);
        assert.equal(await page.locator('[data-testid=summary]').isVisible(), false);
        assert.match(await page.locator('canvas.chart').getAttribute('aria-label'), /hidden until you answer/);
        // What a screen reader reads for the chart (its description) gives nothing away either.
        assert.match(await page.locator('#chart-description').textContent(), /hidden until you answer/);
        assert.equal(await page.getByTestId('curve-table').locator('tbody tr').count(), 0);
        const veiled = await canvasPixels(page);
        await panel.getByRole('button', { name: step.right, exact: true }).click();
        const verdict = page.getByTestId('predict-verdict');
        await page.waitForFunction(() => document.querySelector('[data-testid=predict-verdict]').textContent.length > 0);
        assert.equal(await verdict.textContent(), `Right. ${step.why}`);
        await waitForRedraw(page, veiled.hash);
        assert.equal(await page.locator('[data-testid=summary]').isVisible(), true, 'revealed');
        if (id === 'recovery-months') await screenshot(page, 'story-prediction-revealed');
      }
      const next = panel.getByTestId('story-next');
      if (i + 1 < expected.length) await next.click();
    }
    // The end leaves a working sandbox with the last step's plans.
    await panel.getByTestId('story-done').click();
    assert.equal(await panel.count(), 0);
    await page.waitForFunction(() => !/story=/.test(location.search));
  }
  await page.getByRole('switch', { name: /hCG/ }).check();
  await page.waitForFunction(() => /hcg_/.test(location.search));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link opens a story at a step; a wrong guess is told the model\'s answer; axe passes', async () => {
  const { page, context, problems } = await openApp(env, '/?story=too-much-anastrozole&step=2');
  const panel = page.getByTestId('story');
  assert.match(await panel.locator('.tour-count').textContent(), /step 2 of 4/);
  const expected = cliSteps('too-much-anastrozole')[1];
  assert.deepEqual(await seriousViolations(page), [], 'axe with a prediction open');
  await screenshot(page, 'story-prediction');
  // The readout beyond the question's day is hidden too.
  const canvas = page.locator('canvas.chart');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.8, box.y + 40);
  assert.equal(await page.getByTestId('readout').textContent(), "Hidden until you answer the story's question.");
  await panel.getByRole('button', { name: expected.wrong, exact: true }).click();
  await page.waitForFunction(() => /Not quite/.test(document.querySelector('[data-testid=predict-verdict]').textContent));
  const verdict = await page.getByTestId('predict-verdict').textContent();
  assert.ok(verdict.startsWith(`Not quite: the model answers "${expected.right}". `), verdict);
  assert.match(await page.getByTestId('readout').textContent(), /^Week [\d.]+: /);
  // Back and Next move through the story; Back to step 1 asks nothing.
  await panel.getByRole('button', { name: 'Back' }).click();
  await panel.getByRole('heading', { name: 'Estradiol in a man' }).waitFor();
  assert.equal(await page.locator('[data-arrow=e2-brake].tour-target').count(), 1, 'the step points at the estrogen brake');
  await panel.getByRole('button', { name: 'Leave the story' }).click();
  assert.equal(await panel.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a story link in an embed: the learner predicts, sees, and ends in the embedded sandbox', async () => {
  const { page, context, problems } = await openApp(env, '/?embed=1&story=gnrh-pulses&step=3');
  const panel = page.getByTestId('story');
  await panel.getByRole('heading', { name: 'GnRH without pauses' }).waitFor();
  const expected = cliSteps('gnrh-pulses')[2];
  assert.equal(await page.getByTestId('summary').isVisible(), false);
  await panel.getByRole('button', { name: expected.right, exact: true }).click();
  await page.waitForFunction(() => /^Right\./.test(document.querySelector('[data-testid=predict-verdict]').textContent));
  assert.equal(await page.getByTestId('summary').isVisible(), true);
  await screenshot(page, 'story-embed');
  await panel.getByTestId('story-next').click();
  await panel.getByRole('heading', { name: 'Once a day is not enough' }).waitFor();
  await page.waitForFunction(() => /embed=1&story=gnrh-pulses&step=4/.test(location.search));
  await panel.getByTestId('story-done').click();
  await page.waitForFunction(() => /embed=1/.test(location.search) && !/story=/.test(location.search));
  assert.equal(await page.getByTestId('story').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a story link that names no story or no such step says so and opens safely', async () => {
  for (const [query, words] of [
    ['story=nope', /there is no story named "nope"; the stories are trt-sperm, /],
    ['story=trt-sperm&step=9', /has steps 1 to 5/],
    ['story=trt-sperm&step=x', /has steps 1 to 5/],
  ]) {
    const { page, context, problems } = await openApp(env, `/?${query}`);
    assert.match(await page.locator('.link-error').textContent(), words);
    assert.equal(await page.getByTestId('story').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
