// review.mjs — checks of the HTML review page as Chromium renders it, TAP
// on stdout.  Run by review.t:
//     node review.mjs REVIEW.html FIELDS.jsonl NDOCS SCREENSHOT.png
// FIELDS.jsonl is the JSON Lines output of the same run over the same
// documents: the page must show exactly those fields, per document and per
// type, each with its text, value and rule.
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [htmlPath, jsonlPath, ndocsArg, shotPath] = process.argv.slice(2);
let count = 0, failed = 0;
function ok(pass, name, ...diag) {
  count++;
  if (!pass) failed++;
  console.log(`${pass ? 'ok' : 'not ok'} ${count} - ${name}`);
  if (!pass) for (const d of diag) console.log(String(typeof d === 'string' ? d : JSON.stringify(d)).replace(/^/gm, '#   '));
  return pass;
}
const same = (got, want) => JSON.stringify(got) === JSON.stringify(want);

// records per document, in output order (field i of a document is mark dN-fi)
const records = readFileSync(jsonlPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const byDoc = new Map();
for (const r of records) {
  if (!byDoc.has(r.doc)) byDoc.set(r.doc, []);
  byDoc.get(r.doc).push(r);
}
const perType = (rs) => rs.reduce((m, r) => ((m[r.type] = (m[r.type] || 0) + 1), m), {});

const userDataDir = mkdtempSync(join(tmpdir(), 'utdrag-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
} catch (e) {
  console.log('1..1');
  console.log('not ok 1 - chromium starts');
  console.log(String(e).replace(/^/gm, '#   '));
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(1);
}

try {
  const page = context.pages()[0] || (await context.newPage());
  const url = pathToFileURL(resolve(htmlPath)).href;
  const outside = [], errors = [], dialogs = [];
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith(url + '#')) outside.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(url);

  // ---- the page as a whole
  ok(errors.length === 0, 'no script errors, no console errors (CSP included)', errors);
  ok(dialogs.length === 0, "the document's <script> is shown, not run", dialogs);
  const sections = await page.$$eval('section.doc', (ss) => ss.map((s) => ({ id: s.id, name: s.dataset.name, hidden: s.hidden })));
  ok(sections.length === Number(ndocsArg), `one section per document (${sections.length})`);
  const options = await page.$$eval('#docsel option', (os) => os.map((o) => o.value));
  ok(same(options, sections.map((s) => s.id)), 'the selector lists every document, in order');
  ok(same(sections.map((s) => s.hidden), sections.map((_, i) => i !== 0)), 'only the first document is shown at first');
  ok([...byDoc.keys()].every((d) => sections.some((s) => s.name === d)), 'every document of the JSON Lines has its section');

  // ---- spans: per document and type, as many as JSON Lines records
  const shown = await page.$$eval('section.doc', (ss) => ss.map((s) => {
    const marks = [...s.querySelectorAll('mark.f')];
    const first = marks.filter((m) => m.id);
    const pieces = {};
    for (const m of marks) (pieces[m.dataset.f] = pieces[m.dataset.f] || []).push(m);
    return {
      name: s.dataset.name,
      types: first.reduce((m, e) => ((m[e.dataset.type] = (m[e.dataset.type] || 0) + 1), m), {}),
      ids: first.map((m) => m.id),
      fields: Object.keys(pieces).sort((a, b) => a - b).map((f) => ({
        f: Number(f),
        text: pieces[f].map((m) => m.textContent).join(''),
        title: pieces[f][0].title,
        type: pieces[f][0].dataset.type,
      })),
      rows: s.querySelectorAll('tr.row').length,
    };
  }));
  let total = 0;
  for (const s of shown) {
    const rs = byDoc.get(s.name) || [];
    total += Object.values(s.types).reduce((a, b) => a + b, 0);
    const base = s.name.replace(/.*\//, '');
    ok(same(Object.entries(s.types).sort(), Object.entries(perType(rs)).sort()),
      `${base}: highlighted spans per type = JSON Lines records per type (${rs.length})`,
      { page: s.types, jsonl: perType(rs) });
    ok(s.rows === rs.length, `${base}: one table row per record`);
    const bad = [];
    rs.forEach((r, i) => {
      const f = s.fields[i];
      // the HTML parser turns CRLF and lone CR into LF
      const want = r.text.replace(/\r\n?/g, '\n');
      const extras = ['party', 'role', 'grain', 'series', 'unit'].filter((k) => k in r);
      if (!f || f.f !== i || f.type !== r.type || f.text !== want ||
          !f.title.startsWith(`${r.type}: ${r.value}\n`) || !f.title.includes(`\nrule: ${r.rule}`) ||
          !extras.every((k) => f.title.includes(`\n${k}: ${r[k]}`)))
        bad.push({ record: r, shown: f });
    });
    ok(bad.length === 0, `${base}: each span shows its record's text; hover text has type, value, rule, attributes`, ...bad.slice(0, 3));
  }
  ok(total === records.length, `all highlighted spans = all records (${records.length})`);
  const partyRole = records.find((r) => r.party && r.role);
  ok(partyRole !== undefined, `a person with party and role is among the fields (${partyRole && partyRole.value})`);

  // ---- colours: every type of the first document is highlighted
  const background = (sel) => page.$$eval(sel, (ms) => ms.map((m) => getComputedStyle(m).backgroundColor));
  const transparent = 'rgba(0, 0, 0, 0)';
  const firstTypes = Object.keys(shown[0].types);
  const colours = {};
  for (const t of firstTypes) colours[t] = [...new Set(await background(`#${sections[0].id} mark.f[data-type="${t}"]`))];
  ok(firstTypes.every((t) => colours[t].length === 1 && colours[t][0] !== transparent),
    `each type has one colour (${firstTypes.join(', ')})`, colours);
  ok(new Set(firstTypes.map((t) => colours[t][0])).size === firstTypes.length, 'a different colour per type', colours);

  // ---- the type filter hides a type, and brings it back
  const target = shown.reduce((a, b) => (b.ids.length > a.ids.length ? b : a)); // the richest document
  const tsec = sections.find((s) => s.name === target.name).id;
  await page.selectOption('#docsel', tsec);
  ok(await page.isVisible(`#${tsec}`) && (await page.$$eval('section.doc:not([hidden])', (s) => s.length)) === 1,
    'choosing a document in the selector shows it alone');
  const typeOff = Object.entries(target.types).sort((a, b) => b[1] - a[1])[0][0];
  const typeOn = Object.keys(target.types).find((t) => t !== typeOff);
  const visibleRows = (t) => page.$$eval(`#${tsec} tr.row[data-type="${t}"]`, (rs) => rs.filter((r) => r.offsetParent !== null).length);
  ok((await visibleRows(typeOff)) === target.types[typeOff], `${typeOff}: all rows shown before filtering`);
  await page.uncheck(`#legend input[data-type="${typeOff}"]`);
  ok((await background(`#${tsec} mark.f[data-type="${typeOff}"]`)).every((c) => c === transparent),
    `unchecking ${typeOff} takes its highlight away`);
  ok((await visibleRows(typeOff)) === 0, `... and hides its rows`);
  ok((await visibleRows(typeOn)) === target.types[typeOn] &&
    (await background(`#${tsec} mark.f[data-type="${typeOn}"]`)).every((c) => c !== transparent),
    `... and leaves ${typeOn} as it was`);
  await page.check(`#legend input[data-type="${typeOff}"]`);
  ok((await visibleRows(typeOff)) === target.types[typeOff], `checking ${typeOff} again shows it again`);

  // ---- the text filter
  const rsOfTarget = byDoc.get(target.name);
  const probe = rsOfTarget[rsOfTarget.length - 1].value;
  await page.fill('#q', probe);
  const filtered = await page.$$eval(`#${tsec} tr.row`, (rs) => rs.filter((r) => !r.hidden).map((r) => r.textContent));
  const wantN = rsOfTarget.filter((r) => [r.type, r.value, r.text, r.rule, String(r.line)].join(' ').toLowerCase()
    .includes(probe.toLowerCase())).length;
  ok(filtered.length >= 1 && filtered.length < rsOfTarget.length && filtered.every((t) => t.toLowerCase().includes(probe.toLowerCase())),
    `the text filter '${probe}' keeps only the rows that contain it (${filtered.length} of ${rsOfTarget.length})`, { wantN });
  await page.fill('#q', '');
  ok((await page.$$eval(`#${tsec} tr.row`, (rs) => rs.filter((r) => !r.hidden).length)) === rsOfTarget.length,
    'clearing the text filter shows every row again');

  // ---- a table row leads to its span
  const last = rsOfTarget.length - 1, spanId = `${tsec}-f${last}`;
  await page.evaluate(() => window.scrollTo(0, 0));
  const inView = () => page.$eval(`#${spanId}`, (m) => {
    const r = m.getBoundingClientRect(), h = document.querySelector('header').getBoundingClientRect().bottom;
    return r.top >= h && r.bottom <= window.innerHeight;
  });
  ok(!(await inView()), 'the last field of the document is out of view at first');
  await page.click(`#${tsec}-r${last} td:nth-child(3)`);
  ok(await page.evaluate(() => location.hash) === `#${spanId}`, `clicking its table row targets the span (#${spanId})`);
  ok(await page.$eval(`#${spanId}`, (m) => m.matches(':target') && m.classList.contains('flash')), '... which is :target and flashes');
  ok(await inView(), '... scrolled into view, below the header');
  ok(await page.$eval(`#${tsec}-r${last}`, (r) => r.classList.contains('sel')), '... and the row is marked as selected');

  // ---- a link to a span of another document opens that document
  const other = sections.find((s) => s.id !== tsec && shown.find((x) => x.name === s.name).ids.length);
  await page.goto(`${url}#${other.id}-f0`);
  ok(await page.isVisible(`#${other.id}`) && !(await page.isVisible(`#${tsec}`)), `a link to #${other.id}-f0 shows its document`);

  // ---- a screenshot of the richest document, a row selected
  await page.goto(`${url}#${tsec}`);
  await page.click(`#${tsec}-r2 td:nth-child(3)`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shotPath, animations: 'disabled' });
  ok(statSync(shotPath).size > 20000, `screenshot saved: ${shotPath}`);
  ok(outside.length === 0, 'the page fetched nothing (no network, no CDN)', outside);
} catch (e) {
  ok(false, 'the checks ran to the end', String(e && e.stack || e));
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`1..${count}`);
process.exit(failed ? 1 : 0);
