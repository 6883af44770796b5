// Runs Lighthouse (mobile, default simulated throttling) on a list of URLs in one headless Chromium
// and prints one JSON summary per run on stdout, for scripts/bench.py.
//   node run-lighthouse.mjs jobs.json
// jobs.json: {"runs": N, "reportDir": "…", "jobs": [{"key": "…", "url": "…"}, …]}
// One browser for every run keeps a full benchmark within minutes on two cores; Lighthouse still
// clears the cache and storage of the audited origin before each run (first-load numbers).
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-extensions', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-default-apps', '--mute-audio',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function summarize(lhr) {
  const pageOrigin = new URL(lhr.finalDisplayedUrl).origin;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const failed = requests
    .filter((r) => !r.url.startsWith('data:') && (r.statusCode >= 400 || r.statusCode === -1 || r.finished === false))
    .map((r) => `${r.url} (HTTP ${r.statusCode})`);
  const thirdParty = requests
    .filter((r) => /^https?:/.test(r.url) && new URL(r.url).origin !== pageOrigin)
    .map((r) => r.url);
  const consoleErrors = (lhr.audits['errors-in-console']?.details?.items ?? [])
    .map((item) => `${item.source}: ${item.description}${item.sourceLocation?.url ? ` (${item.sourceLocation.url})` : ''}`);
  // Audits that cost points outside performance: what to fix, named.
  const failing = {};
  for (const id of CATEGORIES.slice(1)) {
    failing[id] = lhr.categories[id].auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => ref.id);
  }
  const metric = (id) => lhr.audits[id]?.numericValue ?? null;
  return {
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id].score ?? 0) * 100)])),
    lcp: metric('largest-contentful-paint'),
    fcp: metric('first-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    si: metric('speed-index'),
    totalBytes: metric('total-byte-weight'),
    resourceBytes: requests.reduce((sum, r) => sum + (r.resourceSize || 0), 0),
    requests: requests.length,
    failed,
    thirdParty,
    consoleErrors,
    failing,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    runtimeError: lhr.runtimeError?.message ?? null,
    warnings: lhr.runWarnings ?? [],
  };
}

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: CHROME_FLAGS,
});
let exitCode = 0;
try {
  for (const job of spec.jobs) {
    for (let run = 1; run <= (spec.runs || 1); run += 1) {
      const started = Date.now();
      const result = await lighthouse(job.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        disableFullPageScreenshot: true,
      });
      if (spec.reportDir) {
        fs.writeFileSync(path.join(spec.reportDir, `${job.key}-run${run}.json`), result.report);
      }
      const line = { key: job.key, url: job.url, run, seconds: (Date.now() - started) / 1000, ...summarize(result.lhr) };
      process.stdout.write(JSON.stringify(line) + '\n');
    }
  }
} catch (error) {
  process.stderr.write(`Lighthouse failed: ${error.stack || error}\n`);
  exitCode = 1;
} finally {
  await chrome.kill();
}
process.exit(exitCode);
