"""Access to the staff side, below `jep.auth` (accounts) and above `store`:

- `sessions`: server-side staff sessions — the HttpOnly cookie carries a random id, only its hash
  is stored with the account, created, last seen, absolute and idle expiry; revocation;
- `throttle`: sign-in throttling — growing delays per account name and per client address,
  counted and decided in one write transaction before any password is checked; failures that are
  not worth an audit row each are summarised in one row per address and quarter of an hour;
- `sso`: single sign-on settings (OpenID Connect through Streamlit's `st.login`) read from
  `.streamlit/secrets.toml`, and the rules that map an identity provider's e-mail address to a
  staff account.
"""
