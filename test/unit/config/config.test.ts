import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the local services and port 3000', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe('postgres://root@127.0.0.1:5432/test');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.llm.apiKey).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DEEPSEEK_API_KEY: '', PORT: '' }).llm.apiKey).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'not a url' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'not a url' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('REDIS_URL');
    }
  });

  it('requires a visitor token secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/VISITOR_TOKEN_SECRET/);
  });
});
