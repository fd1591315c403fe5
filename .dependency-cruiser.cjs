/**
 * Folder boundaries (docs/architecture.md, "Layers"). `npm run lint:boundaries` fails CI on any of these.
 * Type-only imports count: a type dependency is still a dependency.
 */
const domains = 'conversations|bot|moderation|sites|agents|handoff|webhooks|integrations|feedback';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'filter-is-self-contained',
      severity: 'error',
      comment: 'src/filter is a library: it imports nothing else of the service.',
      from: { path: '^src/filter/' },
      to: { path: '^src/', pathNot: '^src/filter/' },
    },
    {
      name: 'console-uses-contracts-only',
      severity: 'error',
      comment:
        'The console (a browser app) takes its event and payload types from src/contracts and shares the widget Markdown renderer; it never reaches into server code.',
      from: { path: '^console/src/' },
      to: { path: '^(src|widget)/', pathNot: '^src/contracts/|^widget/src/markdown/' },
    },
    {
      name: 'browser-bundles-take-no-zod',
      severity: 'error',
      comment:
        'The widget and the console import types from src/contracts, and values only from its zod-free files (enum-values.ts, rooms.ts): a value from a schema file bundles all of zod (it made the console 123 KB gzipped instead of 31).',
      from: { path: '^(widget|console)/src/' },
      to: { path: '^src/contracts/', pathNot: '^src/contracts/(enum-values|rooms)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'Contracts (zod schemas and types) are imported by server, widget and console; they import only each other.',
      from: { path: '^src/contracts/' },
      to: { path: '^(src|widget|console)/', pathNot: '^src/contracts/' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment: 'main.ts, app.ts and wiring/ build everything; nothing below them may depend on them.',
      from: { path: '^src/', pathNot: '^src/(main|app)\\.ts$|^src/wiring/' },
      to: { path: '^src/(main|app)\\.ts$|^src/wiring/' },
    },
    {
      name: 'lower-layers-do-not-import-higher',
      severity: 'error',
      comment:
        'Bottom: contracts, errors, observability, db, filter, llm, simulator. Then realtime, then the domains, then jobs, api, gateway. A lower layer never imports a higher one.',
      from: { path: '^src/(errors|observability|db|filter|llm|simulator)/' },
      to: { path: `^src/(realtime|${domains}|jobs|api|gateway)/` },
    },
    {
      name: 'realtime-below-the-domains',
      severity: 'error',
      from: { path: '^src/realtime/' },
      to: { path: `^src/(${domains}|jobs|api|gateway)/` },
    },
    {
      name: 'domains-below-transport',
      severity: 'error',
      comment: 'Domains (services, repositories) do not know how they are called: no jobs, api or gateway imports.',
      from: { path: `^src/(${domains})/` },
      to: { path: '^src/(jobs|api|gateway)/' },
    },
    {
      name: 'no-foreign-repositories',
      severity: 'error',
      comment: 'A domain reaches another domain through its services or ports, never into its repositories.',
      from: { path: '^src/([^/]+)/', pathNot: '^src/(wiring|db)/|-cli\\.ts$' },
      to: { path: '^src/([^/]+)/[^/]+\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'infrastructure-stays-in-adapters',
      severity: 'error',
      comment:
        'Only repositories and the adapter layers (db, realtime, jobs, gateway, api, wiring) touch drizzle, pg, ioredis, BullMQ, Socket.IO or express.',
      from: {
        path: `^src/(${domains}|llm|errors|contracts|filter)/`,
        pathNot: '\\.repository\\.ts$',
      },
      to: {
        path: '(^|/)node_modules/(drizzle-orm|pg|ioredis|bullmq|socket\\.io|@socket\\.io/[^/]+|express|rate-limiter-flexible)/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
    moduleSystems: ['es6'],
  },
};
