import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../support/test-app.js';
import { SCREENSHOTS, hasChromium, launchChromium } from './widget-e2e-support.js';

describe.skipIf(!hasChromium)('the API reference at /api/docs in Chromium', () => {
  const stack = new TestStack({ label: 'apidocs' });
  let browser: Browser;
  beforeAll(async () => {
    await stack.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack.close();
  });

  it('renders every operation of the served document from local files, with no CSP violation or page error', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const foreignRequests: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${message.text()} ${message.location().url}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.url) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
    });
    const document = (await (await fetch(`${stack.url}/api/openapi.json`)).json()) as Record<
      'paths' | 'webhooks',
      Record<string, object>
    >;
    // Swagger UI draws one block per operation, the webhooks section's included.
    const operations = [...Object.values(document.paths), ...Object.values(document.webhooks)].reduce(
      (count, item) => count + Object.keys(item).length,
      0,
    );

    await page.goto(`${stack.url}/api/docs`);
    await page.waitForSelector('.opblock');
    await expect.poll(() => page.locator('.opblock').count()).toBe(operations);
    await page.locator('.opblock-summary', { hasText: '/api/v1/channels/rest/messages' }).first().click();
    await page.waitForSelector('.opblock.is-open .parameters-container, .opblock.is-open .opblock-section-request-body');
    await page.screenshot({ path: join(SCREENSHOTS, 'api-docs.png') });

    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});
