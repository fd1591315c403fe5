import { ApiError, ApiClient } from './api-client.js';
import { ConsoleApp } from './app.js';
import { language, setLanguage, t } from './i18n.js';
import { h, replace } from './view.js';

const root = document.getElementById('app')!;
const api = new ApiClient();
let app: ConsoleApp | undefined;

function showLogin(notice?: string): void {
  app?.stop();
  app = undefined;
  document.title = t('appName');
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'login-email' });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
    id: 'login-password',
  });
  const message = h('p', { class: 'login-message', role: 'alert' }, notice ?? '');
  const form = h(
    'form',
    {
      class: 'login',
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        api.login(email.value, password.value).then(
          () => void boot(),
          (error: unknown) =>
            (message.textContent = t('signInFailed', { message: error instanceof ApiError ? error.message : String(error) })),
        );
      },
    },
    h('h1', {}, t('appName')),
    h('label', { for: 'login-email' }, t('email')),
    email,
    h('label', { for: 'login-password' }, t('password')),
    password,
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
    message,
    h(
      'button',
      { type: 'button', class: 'link', onclick: () => (setLanguage(language() === 'zh' ? 'en' : 'zh'), showLogin()) },
      t('language'),
    ),
  );
  replace(root, h('main', { class: 'login-page' }, form));
  email.focus();
}

async function boot(): Promise<void> {
  const me = await api.me().catch(() => undefined);
  if (!me) {
    showLogin();
    return;
  }
  app?.stop();
  app = new ConsoleApp(
    root,
    api,
    me.agent,
    () => void api.logout().then(() => showLogin()),
    () => showLogin(t('sessionExpired')),
  );
  await app.start();
}

api.onSessionLost = () => showLogin(t('sessionExpired'));
setLanguage(language());
void boot();
