import express, { type NextFunction, type Request, type Response } from 'express';
import { authenticationError, bearerKey, SimulatorApiError } from './api-error.js';
import { chatCompletionsRoute, sendApiError, type SimulatorState } from './chat-completions-route.js';
import { SIMULATED_MODELS } from './chat-request-schema.js';

const BODY_LIMIT = '1mb';

const MODEL_LIST = {
  object: 'list',
  data: SIMULATED_MODELS.map((id) => ({ id, object: 'model', owned_by: 'deepseek' })),
};

/** The express app speaking DeepSeek's HTTP API, with and without the `/v1` prefix. */
export function createSimulatorApp(state: SimulatorState): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get(['/models', '/v1/models'], (req, res) => {
    const presentedKey = bearerKey(req.headers.authorization);
    if (presentedKey !== state.options.apiKey) sendApiError(res, authenticationError(presentedKey));
    else res.json(MODEL_LIST);
  });

  app.post(
    ['/chat/completions', '/v1/chat/completions'],
    (req, res, next) => {
      const record = state.recorder.start(req.path, { ...req.headers });
      res.locals.record = record;
      res.on('close', () => state.recorder.closed(record, res.writableFinished));
      next();
    },
    // Read as text, so malformed JSON gets DeepSeek's 400 envelope rather than express's HTML page.
    express.text({ type: () => true, limit: BODY_LIMIT }),
    chatCompletionsRoute(state),
  );

  app.use((_req, res) => {
    sendApiError(res, new SimulatorApiError(404, 'Not Found'));
  });

  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const record = res.locals.record;
    if (record) state.recorder.settle(record, 'error');
    const status = error.type === 'entity.too.large' ? 413 : (error.status ?? 500);
    const message = status === 413 ? `Request body exceeds ${BODY_LIMIT}` : 'Invalid request body';
    if (record) record.status = status;
    if (!res.headersSent) sendApiError(res, new SimulatorApiError(status, message));
  });

  return app;
}
