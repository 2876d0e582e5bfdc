// The page in Spanish: chosen by the link (lang=es), by the browser's language or by the switch; no English
// left anywhere a person reads or hears (text, accessible names, titles), in every preset, at every depth,
// in a story, with the testis panels, the tornado, the own case and an embed; numbers with a decimal comma
// shown and accepted; every link the page writes keeps the language; axe finds nothing serious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, screenshot, seriousViolations as serious } from './harness.js';

const env = useBrowser();

// Words that are English and never Spanish: a text holding one of them is left untranslated. Chosen so that
// none is a Spanish word, a unit or a name the page keeps in both languages (LH, hCG, HPG Explorer, authors).
const ENGLISH = new Set(`the and with of after before from weeks week months month your you this that these those
when what which is are was were will would to on at by for its be not how why men man back shown show hide close
open level levels drug drugs daily weekly rises falls below above between each every more less than here there
into out up down off over under sperm testosterone recovery therapy untreated baseline range choose next step
story stories labs lab in as or an if has have had can may his he him her all only also still about per theme
language tour embed copy link print export import save saved delete load reset dismiss cancel help shortcuts
keyboard units chart curves band loop legend outcome outcomes findings table day days dose doses route
start stop end add remove compare clear details explain depth basics clinical academic likely matters most own
case measured flag flags low high free inside outside blood brain testes signal hormone hormones pituitary
hypothalamus estrogen treatment protocol restart cold years year age old right wrong quite answer answers model
none shaded people person plans`.split(/\s+/));

/** Every piece of English a person could meet on the page now: text nodes and the attributes people read. */
async function englishOn(page) {
  return page.evaluate((words) => {
    const english = new Set(words);
    const skip = 'script, style, code, kbd, textarea, body [lang="en"], [translate="no"]';
    const found = [];
    const check = (text, where) => {
      // Addresses, file names and units (tokens with a slash, a point inside or an equals sign) are no words.
      const words = text.toLowerCase().replace(/\S*(\/|=|_|<|\w\.\w)\S*/g, ' ');
      const hits = (words.match(/[a-záéíóúñü]+/g) ?? []).filter((w) => english.has(w));
      if (hits.length) found.push(`${where}: "${text.trim().slice(0, 160)}" (${[...new Set(hits)].join(', ')})`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest(skip) && node.textContent.trim()) check(node.textContent, node.parentElement.tagName.toLowerCase());
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-valuetext], [aria-roledescription]')) {
      if (el.closest(skip)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription']) {
        if (el.hasAttribute(a)) check(el.getAttribute(a), `${el.tagName.toLowerCase()}[${a}]`);
      }
    }
    check(document.title, 'title');
    return found;
  }, [...ENGLISH]);
}


/** Opens every disclosure, so their texts are checked too. */
const openAll = (page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

test('the Spanish page shows no English: every preset at every depth, with the testis panels and the band', async () => {
  const { page, context, problems } = await openApp(env, '/?lang=es', { colorScheme: 'light' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await openAll(page);
  assert.deepEqual(await englishOn(page), [], 'first view');
  assert.deepEqual(await serious(page), [], 'axe, first view');
  const presets = await page.locator('button.preset').count();
  const depths = page.locator('.depth-switch input[type=radio]');
  for (let i = 0; i < presets; i++) {
    await page.locator('button.preset').nth(i).click();
    await page.waitForFunction((n) => document.querySelectorAll('button.preset')[n].getAttribute('aria-pressed') === 'true', i);
    // The population's band and its sentences arrive after the curves (the men start once the page rests).
    await page.waitForTimeout(250);
    await page.waitForFunction(() => document.querySelector('[data-testid=spread-status]')?.dataset.state !== 'running', null, { timeout: 60_000 });
    for (let d = 0; d < (await depths.count()); d++) {
      await depths.nth(d).check();
      await openAll(page);
      assert.deepEqual(await englishOn(page), [], `preset ${i + 1}, depth ${d + 1}`);
    }
  }
  await screenshot(page, 'spanish-page');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Spanish page: numbers with a decimal comma, a typed "2,5" taken, an own case, the tornado, a bad value said in Spanish', async () => {
  const link = '/?lang=es&v=1&weeks=24&r=cypionate_im_150mg_q7d_w-52to0&labs=lh_0.9iul_w8~tt_180ngdl_w12' +
    '&b.v=1&b.weeks=24&b.r=cypionate_im_150mg_q7d_w-52to0~hcg_sc_500IU_q2d_w0to16';
  const { page, context, problems } = await openApp(env, link, { colorScheme: 'light' });
  await page.getByTestId('compare-table').waitFor();
  const labs = await page.getByTestId('labs').innerText();
  assert.match(labs, /\d,\d/, 'a decimal comma in the lab table');
  assert.doesNotMatch(labs, /\d\.\d/, 'no decimal point in the lab table');
  const tornado = page.getByTestId('tornado');
  await tornado.locator('button').first().click();
  await tornado.getByTestId('tornado-words').waitFor({ timeout: 60_000 });
  await openAll(page);
  await page.getByTestId('prior-trt').selectOption('own');
  await page.getByTestId('prior-own').locator('button').last().click();
  await openAll(page);
  assert.deepEqual(await englishOn(page), [], 'own case, plan B, tornado, own therapy lines');
  assert.deepEqual(await serious(page), [], 'axe');
  // A typed value with a decimal comma is taken and shown with one; a refused one is explained in Spanish
  // and the value in force kept; "1.500" is refused as two readings.
  await page.evaluate(() => { document.querySelector('details.about-fold').open = true; });
  const weight = page.locator('.about-fold input[inputmode=decimal]').nth(1);
  await weight.fill('82,5');
  await weight.press('Enter');
  await page.waitForFunction(() => /8[23] kg/.test(document.querySelector('.about-summary')?.textContent));
  assert.equal(await weight.inputValue(), '82,5');
  await weight.fill('1.500');
  await weight.press('Enter');
  const alert = page.locator('.about-fold .field-error');
  await alert.waitFor();
  assert.match(await alert.innerText(), /dos maneras \(1500 o 1,5\)/);
  assert.equal(await weight.inputValue(), '82,5', 'the value in force is kept');
  await weight.fill('veinte');
  await weight.press('Enter');
  await page.waitForFunction(() => /no es un número/.test(document.querySelector('.about-fold .field-error')?.textContent));
  assert.deepEqual(await englishOn(page), [], 'a refused value');
  // Draw weeks: "2,5" is two and a half weeks, as in every other field; a comma and a space separate weeks.
  const weeks = page.getByLabel('Extracción en las semanas');
  await weeks.fill('2,5, 6');
  await weeks.press('Enter');
  await weeks.blur();
  await page.waitForFunction(() => /Semana 2,5[\s\S]*Semana 6/.test(document.querySelector('[data-testid=labs] thead')?.textContent));
  assert.equal(await weeks.inputValue(), '2,5, 6');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [where, link] of [['the page', '/?lang=es&story=trt-sperm&step=1'], ['an embed', '/?embed=1&lang=es&story=gnrh-pulses&step=1']]) {
  test(`a story in Spanish in ${where}: every step, the prediction, the answer and the sandbox, with no English`, async () => {
    const { page, context, problems } = await openApp(env, link, { colorScheme: 'light' });
    const story = page.getByTestId('story');
    await story.waitFor();
    for (let step = 1; ; step++) {
      const predict = story.getByTestId('predict');
      if (await predict.count()) {
        assert.deepEqual(await englishOn(page), [], `step ${step}, question open`);
        await predict.locator('button').first().click();
        await story.getByTestId('predict-verdict').waitFor();
      }
      await openAll(page);
      assert.deepEqual(await englishOn(page), [], `step ${step}`);
      await page.waitForFunction((n) => new RegExp(`lang=es&.*step=${n}`).test(location.search), step);
      const next = story.getByTestId('story-next');
      if (!(await next.count())) break;
      await next.click();
    }
    // The last step leaves the learner in the sandbox, still in Spanish.
    await story.getByTestId('story-done').click();
    await page.waitForFunction(() => /lang=es/.test(location.search) && !/story=/.test(location.search));
    assert.deepEqual(await englishOn(page), [], 'the sandbox after the story');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the browser language chooses Spanish; the switch changes language and keeps the plans; links keep it', async () => {
  const spanish = await openApp(env, '/?preset=stop-trt-cold', { locale: 'es-MX' });
  assert.equal(await spanish.page.evaluate(() => document.documentElement.lang), 'es');
  assert.deepEqual(await englishOn(spanish.page), []);
  await spanish.context.close();

  const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold', { locale: 'en-GB' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const before = await page.locator('button.preset[aria-pressed=true]').count();
  await Promise.all([page.waitForEvent('load'), page.locator('.language select').selectOption('es')]);
  await page.waitForFunction(() => document.documentElement.lang === 'es' && document.querySelector('canvas.chart')?.width > 0);
  assert.match(await page.evaluate(() => location.search), /lang=es/);
  assert.equal(await page.locator('button.preset[aria-pressed=true]').count(), before, 'the same plans');
  await page.waitForFunction(() => /lang=es/.test(location.search) && /r=|preset=/.test(location.search));
  assert.deepEqual(await englishOn(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the checker finds English: the English page is full of it', async () => {
  const { page, context } = await openApp(env, '/?lang=en&preset=stop-trt-cold');
  const found = await englishOn(page);
  assert.ok(found.length > 50, found.join("\n"));
  await context.close();
});

test('the tour, the dialogs and a bad link in Spanish', async () => {
  const { page, context, problems } = await openApp(env, '/?lang=es&r=nada', { newcomer: true });
  assert.match(await page.locator('.link-error').innerText(), /enlace/);
  assert.deepEqual(await englishOn(page), [], 'the tour open, the link problem shown');
  assert.deepEqual(await serious(page), [], 'axe, the tour open');
  await page.keyboard.press('Escape');
  await page.locator('.masthead .help-buttons button').nth(1).click();
  await page.locator('dialog[open]').waitFor();
  assert.deepEqual(await englishOn(page), [], 'keyboard shortcuts');
  await page.keyboard.press('Escape');
  await page.locator('.chart-tools button, .toolbar button').filter({ hasText: 'Insertar' }).first().click();
  await page.locator('dialog[open]').waitFor();
  assert.deepEqual(await englishOn(page), [], 'embed dialog');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed in Spanish', async () => {
  const { page, context, problems } = await openApp(env, '/?embed=1&lang=es&preset=post-trt-restart', { colorScheme: 'light' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.deepEqual(await englishOn(page), []);
  assert.deepEqual(await serious(page), []);
  await screenshot(page, 'spanish-embed');
  assert.deepEqual(problems, []);
  await context.close();
});
