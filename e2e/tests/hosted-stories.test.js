// A teacher's own stories on a hosted copy: the files its stories/ folder lists are offered beside the built-in
// ones, a link opens one at a step, and a file that does not read is said with its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { useBrowser, openApp, openInFrame } from './harness.js';

const TEACHERS = {
  format: 'hpg-explorer story 1',
  id: 'hcg-in-a-week',
  title: 'hCG in a week',
  summary: 'What a week of hCG does to testosterone.',
  steps: [1, 2].map((n) => ({
    title: `hCG, part ${n}`,
    plan: 'v=1&weeks=2&r=hcg_sc_1500IU_q2d_w0to2&pop=0',
    point_at: 'chart',
    text: { basics: 'Testosterone goes from {tt.base} to {tt.max}.', clinical: 'Total T {tt.max} by {tt.max_when}.', academic: 'LH {lh.min}. {END}' },
  })),
};

const env = useBrowser({
  addFiles: async (root) => {
    await fs.writeFile(path.join(root, 'stories', 'hcg-week.json'), JSON.stringify(TEACHERS, null, 2));
    const broken = { ...TEACHERS, id: 'broken', steps: [{ ...TEACHERS.steps[0], text: { ...TEACHERS.steps[0].text, basics: 'LH {lh.sideways}' } }] };
    await fs.writeFile(path.join(root, 'stories', 'broken.json'), JSON.stringify(broken));
    await fs.writeFile(path.join(root, 'stories', 'index.json'), JSON.stringify({ stories: ['hcg-week.json', 'broken.json'] }));
  },
});

test("a hosted copy's own story is listed beside the built-in ones, and a broken file is said with its field", async () => {
  const { page, context, problems } = await openApp(env, '/');
  const list = page.locator('.stories');
  await list.getByRole('button', { name: 'hCG in a week' }).waitFor();
  assert.equal(await list.locator('.story-start').count(), 7, 'six built in and the teacher\'s');
  assert.equal(await list.getByRole('alert').innerText(),
    'The story stories/broken.json could not be read: steps[0].text.basics: unknown placeholder {lh.sideways}.');
  await list.getByRole('button', { name: 'hCG in a week' }).click();
  const story = page.getByTestId('story');
  await story.waitFor();
  assert.match(await story.innerText(), /step 1 of 2/);
  assert.match(await story.innerText(), /Testosterone goes from [\d.]+ ng\/dL to [\d.]+ ng\/dL\./);
  await page.waitForFunction(() => /story=hcg-in-a-week&step=1/.test(location.search));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a link to a hosted story's step opens it, though the story is not built in", async () => {
  const { page, context, problems } = await openApp(env, '/?story=hcg-in-a-week&step=2');
  const story = page.getByTestId('story');
  await story.waitFor();
  assert.match(await story.innerText(), /hCG, part 2/);
  assert.match(await story.innerText(), /step 2 of 2/);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'no story named' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a lesson embeds a hosted copy's own story at a step, in a 560 px frame", async () => {
  const { page, context, problems, frame } = await openInFrame(env, '/?embed=1&story=hcg-in-a-week&step=2', { height: 560 });
  const story = frame.getByTestId('story');
  await story.waitFor();
  assert.match(await story.innerText(), /step 2 of 2/);
  assert.match(await story.innerText(), /Testosterone goes from [\d.]+ ng\/dL to [\d.]+ ng\/dL\./);
  assert.equal(await page.evaluate(() => scrollY), 0, 'the lesson does not move');
  assert.deepEqual(problems, []);
  await context.close();
});
