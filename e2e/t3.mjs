import { chromium } from 'playwright-core';
import { serve } from './tests/harness.js';
const s = await serve(); const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args:['--no-sandbox','--headless'] });
for (const [w,h] of [[1440,900],[1280,900],[360,740]]) for (const path of ['/?preset=post-trt-restart','/?v=1&weeks=48&r=cypionate_im_100mg_q7d_w-52to0~clomiphene_oral_25mg_q1d_w2to18&b.v=1&b.weeks=48&b.r=cypionate_im_100mg_q7d_w-52to0']) {
  const ctx = await b.newContext({viewport:{width:w,height:h}});
  await ctx.addInitScript(() => localStorage.setItem('hpg-explorer:tour-seen', '1'));
  const p = await ctx.newPage();
  await p.goto(s.origin + path); await p.waitForSelector('[data-testid=labs] tbody tr');
  const r = await p.evaluate(() => [...document.querySelectorAll('.table-wrap')].map(e => `${e.closest('section')?.className}:${e.scrollWidth}/${e.clientWidth}`));
  const hint = await p.evaluate(() => [...document.querySelectorAll('.scroll-hint, [data-scroll-hint]')].map(e => e.innerText));
  console.log(w, path.slice(0,25), r.join(' '), hint);
  await ctx.close();
}
await b.close(); await s.close();
