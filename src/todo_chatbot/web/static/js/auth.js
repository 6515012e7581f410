// Sign in and sign up forms.

import { api, setToken } from './api.js';
import { $, clearErrors, showErrors } from './dom.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function initAuth(onSignedIn) {
  const forms = { signin: $('#signin-form'), signup: $('#signup-form') };

  for (const button of document.querySelectorAll('#auth-view [data-show]')) {
    button.addEventListener('click', () => showForm(button.dataset.show));
  }

  forms.signin.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(forms.signin, '/auth/login', false, onSignedIn);
  });
  forms.signup.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(forms.signup, '/auth/register', true, onSignedIn);
  });
}

export function showForm(which, notice = '') {
  const signin = $('#signin-form');
  const signup = $('#signup-form');
  signin.hidden = which !== 'signin';
  signup.hidden = which !== 'signup';
  $('#signin-notice').textContent = which === 'signin' ? notice : '';
  const form = which === 'signin' ? signin : signup;
  clearErrors(form);
  form.querySelector('input[type="email"]').focus();
}

function check(form, values, signingUp) {
  const problems = [];
  if (!values.email) problems.push({ field: 'email', message: 'Enter your email address.' });
  else if (!EMAIL.test(values.email))
    problems.push({ field: 'email', message: 'Enter an email address like name@example.com.' });
  if (!values.password) problems.push({ field: 'password', message: 'Enter your password.' });
  else if (signingUp && values.password.length < 8) {
    problems.push({ field: 'password', message: 'Use at least 8 characters.' });
  }
  return problems;
}

async function submit(form, path, signingUp, onSignedIn) {
  clearErrors(form);
  const data = new FormData(form);
  const values = {
    email: String(data.get('email') ?? '').trim(),
    password: String(data.get('password') ?? ''),
  };
  if (signingUp) {
    const name = String(data.get('name') ?? '').trim();
    if (name) values.name = name;
  }
  const problems = check(form, values, signingUp);
  if (problems.length) {
    showErrors(form, problems);
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const result = await api(path, { method: 'POST', body: values });
    setToken(result.access_token, data.get('remember') === 'on');
    form.reset();
    onSignedIn(result.user);
  } catch (error) {
    let fallback = error.message;
    if (!signingUp && error.status === 401) fallback = 'That email and password do not match an account.';
    if (signingUp && error.status === 409) {
      showErrors(form, [
        { field: 'email', message: 'An account with this email already exists. Sign in instead.' },
      ]);
      return;
    }
    showErrors(form, error.details ?? [], fallback);
  } finally {
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
