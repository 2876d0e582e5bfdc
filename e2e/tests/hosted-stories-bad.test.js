// A hosted copy whose stories/index.json is not what the guide shows: the page says which file and why, the
// built-in stories still play, and a name that leaves the folder is refused, not fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { useBrowser, openApp } from './harness.js';

const env = useBrowser({
  addFiles: async (root) => {
    await fs.writeFile(path.join(root, 'stories', 'index.json'), JSON.stringify({ stories: ['../index.html', 'ok.json'] }));
  },
});

test('a story list naming a file outside the folder is refused in words, and the built-in stories still play', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const list = page.locator('.stories');
  const alert = list.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(), 'The stories folder could not be read (stories/index.json: string "../index.html" is not a story file\'s name in the folder).');
  assert.equal(await list.locator('.story-start').count(), 6);
  await list.locator('button[data-story=trt-sperm]').click();
  await page.getByTestId('story').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
