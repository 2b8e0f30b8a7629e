// A real OpenID Provider for the single sign-on test: oidc-provider (npm), plain HTTP on
// localhost, started by tests/support/oidc.py. Its built-in login page accepts any password;
// the login name becomes the account: "anna" is anna@platformjep.example, any other name N is
// N@example.org.  Env: OIDC_PORT, APP_URL (the app's base URL, for the redirect URIs).
import Provider from 'oidc-provider';

const PORT = Number(process.env.OIDC_PORT || 9000);
const APP_URL = process.env.APP_URL || 'http://localhost:8501';
const ACCOUNTS = { anna: { email: 'anna@platformjep.example', name: 'Anna de Vries' } };

const oidc = new Provider(`http://localhost:${PORT}`, {
  clients: [{
    client_id: 'jep-dashboard',
    client_secret: 'test-client-secret-0123456789abcdef',
    redirect_uris: [`${APP_URL}/oauth2callback`],
    post_logout_redirect_uris: [`${APP_URL}/oauth2callback`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Authlib (st.login) reads the user from the ID token only: put the claims in it
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const acc = ACCOUNTS[id] || { email: `${id}@example.org`, name: id };
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: acc.email, email_verified: true, name: acc.name };
      },
    };
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['test-only-cookie-key-0123456789abcdef'] },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600 },
});
oidc.listen(PORT, () => console.log(`oidc-provider ready on ${PORT}`));
