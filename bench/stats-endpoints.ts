/** The statistics endpoints the benchmark measures, and who calls them (users made by bench/stats.bench.ts). */
export const STATS_BENCH_PASSWORD = 'bench-password-1405';

export const STATS_ENDPOINTS = [
  { path: '/api/v1/stats/banks', user: 'bench.secretariat' },
  { path: '/api/v1/stats/agencies', user: 'bench.secretariat' },
  { path: '/api/v1/stats/overview', user: 'bench.secretariat' },
  { path: '/api/v1/stats/trend?metric=paidAmount', user: 'bench.secretariat' },
  { path: '/api/v1/stats/provinces', user: 'bench.national' },
];
