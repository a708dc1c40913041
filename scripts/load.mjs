#!/usr/bin/env node
// A small load driver for the desk's short load run (scripts/bench-desk.sh with BENCH_CHECK=1,
// which scripts/test-desk.sh runs in CI): N POST requests over C connections, each to a URL and
// with a body picked at random from two files, as `oha --urls-from-file … -Z …` sends them, so
// that CI need not compile oha for a run that only checks every answer is a 2xx. It prints the
// fields of oha's JSON output that bench-desk.sh reads (requests per second, p50 and p99 in
// seconds, the count of each status, the count of each error). Node's own fetch, no packages.
//
//   node scripts/load.mjs URLS BODIES REQUESTS CONNECTIONS TOKEN
import { readFileSync } from 'node:fs';

const [urlsFile, bodiesFile, requests, connections, token] = process.argv.slice(2);
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
const urls = lines(urlsFile);
const bodies = lines(bodiesFile);
const total = Number(requests);
const pick = (list) => list[Math.floor(Math.random() * list.length)];

const latencies = [];
const statuses = {};
const errors = {};
let sent = 0;

async function connection() {
  while (sent < total) {
    sent += 1;
    const start = performance.now();
    try {
      const answer = await fetch(pick(urls), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: pick(bodies),
        signal: AbortSignal.timeout(10_000),
      });
      await answer.arrayBuffer();
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      latencies.push((performance.now() - start) / 1000);
    } catch (e) {
      const name = e.cause?.code ?? e.name ?? String(e);
      errors[name] = (errors[name] ?? 0) + 1;
    }
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: Number(connections) }, connection));
const seconds = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
console.log(JSON.stringify({
  summary: { requestsPerSec: latencies.length / seconds },
  latencyPercentiles: { p50: percentile(0.5), p99: percentile(0.99) },
  statusCodeDistribution: statuses,
  errorDistribution: errors,
}));
