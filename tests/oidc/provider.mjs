// The OpenID provider of the tests: the certified `oidc-provider` package, configured like the
// Keycloak realm in deploy/keycloak/ (tests/support/oidc.py reads the realm and writes the
// configuration this script is given). It serves a login page of its own, grants first-party
// clients without a consent screen (as the realm's clients do), issues JWT access tokens for the
// client-credentials grant, and ends its session on RP-initiated logout.
//
//   node tests/oidc/provider.mjs <configuration.json>
//
// Test-only endpoints: POST /_test/keys (a new signing key set, for key rotation) and
// POST /_test/accounts (one more account). Nothing here loads anything from another host.
import http from 'node:http';
import fs from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((account) => [account.sub, account]));
let provider;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

function accountClaims(account) {
  return { ...account.claims, sub: account.sub };
}

function build(keys) {
  const instance = new Provider(config.issuer, {
    clients: config.clients,
    jwks: { keys },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    claims: config.scopes,
    scopes: ['openid', 'offline_access', 'api'],
    conformIdTokenClaims: false, // the ID token carries the profile claims, as Keycloak's does
    pkce: { required: () => true },
    ttl: { AccessToken: 300, ClientCredentials: 300, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Do you want to sign out?', `${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
        },
        postLogoutSuccessSource: async (ctx) => { ctx.body = page('Signed out', '<p>You are signed out.</p>'); },
      },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, indicator, client) => {
          const audience = indicator.replace(/^urn:asn:/, '');
          if (!indicator.startsWith('urn:asn:') || !(config.audiences[client.clientId] || []).includes(audience)) {
            throw new errors.InvalidTarget();
          }
          return { scope: 'api', audience, accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: config.alg } } };
        },
      },
    },
    findAccount: async (ctx, sub) => {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: async () => accountClaims(account) };
    },
    extraTokenClaims: async (ctx, token) => {
      if (token.kind === 'ClientCredentials') return config.serviceAccounts[token.clientId] || {};
      const account = token.accountId && accounts.get(token.accountId);
      return account ? account.claims : {};
    },
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      // The suite's clients are first-party: no consent screen (the realm's consentRequired is false).
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      for (const [indicator, server] of Object.entries(ctx.oidc.resourceServers || {})) {
        grant.addResourceScope(indicator, server.scope);
      }
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => { ctx.type = 'html'; ctx.body = page('Error', `<pre>${escape(JSON.stringify(out))}</pre>`); },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  // Redirect addresses as the realm registers them (${ASN_PUBLIC_URL}/akun/...), at any loopback port:
  // every test serves the suite on a port of its own.
  const allowed = (uri, patterns) => patterns.some((pattern) => new RegExp(pattern).test(uri));
  instance.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
    return allowed(uri, config.redirectPatterns[this.clientId] || []);
  };
  instance.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(uri) {
    return allowed(uri, config.logoutPatterns[this.clientId] || []);
  };
  return instance;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function loginForm(uid, error = '', username = '') {
  return page('Sign in to Kota Tebing Tinggi', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
  <p><label for="username">Username or email</label><br><input id="username" name="username" value="${escape(username)}" autofocus></p>
  <p><label for="password">Password</label><br><input id="password" name="password" type="password"></p>
  <p><button type="submit">Sign In</button></p>
</form>`);
}

async function interaction(req, res, url) {
  const details = await provider.interactionDetails(req, res);
  const send = (status, html) => { res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); };
  if (details.prompt.name !== 'login') {
    // A consent prompt never comes for these clients (see loadExistingGrant); finish it the same way.
    await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method === 'GET') { send(200, loginForm(details.uid)); return; }
  const form = new URLSearchParams(await readBody(req));
  const account = [...accounts.values()].find((a) => a.username === form.get('username'));
  if (!account || account.password !== form.get('password')) {
    send(200, loginForm(details.uid, 'Invalid username or password.', form.get('username') || ''));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
}

async function control(req, res, url) {
  const body = JSON.parse((await readBody(req)) || '{}');
  if (url.pathname === '/_test/keys') provider = build(body.keys);
  if (url.pathname === '/_test/accounts') accounts.set(body.sub, body);
  res.writeHead(204); res.end();
}

provider = build(config.keys);
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, config.issuer);
  try {
    if (url.pathname.startsWith('/interaction/')) { await interaction(req, res, url); return; }
    if (url.pathname.startsWith('/_test/') && req.method === 'POST') { await control(req, res, url); return; }
    provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error && error.stack || error));
  }
});
server.listen(config.port, '127.0.0.1', () => { process.stdout.write(`listening ${config.issuer}\n`); });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
