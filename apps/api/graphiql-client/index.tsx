import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { graphiqlExamples } from '../src/graphiql/examples';
import { type Credential, Session } from './session';
import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/dist/style.css';
import './app.css';

const API_KEY_PREFIX = 'stw_';
const explorer = explorerPlugin();
// Opened as tabs on a first visit (GraphiQL keeps the user's own tabs after that).
const exampleTabs = graphiqlExamples(new Date());

/**
 * GraphiQL can send the operation name of the tab it showed before (seen when switching between the
 * example tabs); the API refuses a name the document does not define, so a name that is not in the
 * query is dropped and the document's only operation runs.
 */
function withOwnOperationName(fetcher: Fetcher): Fetcher {
  return (params, options) => {
    const name = params.operationName;
    const defined = name ? new RegExp(`\\b(query|mutation|subscription)\\s+${name}\\b`).test(params.query) : true;
    return fetcher(defined ? params : { ...params, operationName: undefined }, options);
  };
}

function App({ endpoint }: { endpoint: string }) {
  const [credential, setCredential] = useState<Credential>(null);
  const [session] = useState(() => new Session(endpoint, setCredential));
  const [resuming, setResuming] = useState(true);

  useEffect(() => {
    void session.refresh().finally(() => setResuming(false));
  }, [session]);

  // A new fetcher makes GraphiQL introspect again; a refreshed access token keeps the same one.
  const identity = credential?.kind === 'apiKey' ? `key:${credential.key}` : (credential?.kind ?? 'anonymous');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- identity is not read, but a new caller must get a new fetcher
  const fetcher = useMemo(() => withOwnOperationName(createGraphiQLFetcher({ url: endpoint, fetch: session.fetch })), [identity, endpoint, session]);

  return (
    <div className="steward-page">
      <AuthBar session={session} credential={credential} resuming={resuming} />
      {/* Mounted once the session is resumed, so its first introspection already carries the credential. */}
      <div className="steward-graphiql">{!resuming && <GraphiQL fetcher={fetcher} plugins={[explorer]} defaultTabs={exampleTabs} />}</div>
    </div>
  );
}

function AuthBar({ session, credential, resuming }: { session: Session; credential: Credential; resuming: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const errors = await session.signIn(email, password);
      setMessages(errors);
      if (errors.length === 0) setPassword('');
    } catch (error) {
      setMessages([error instanceof Error ? error.message : String(error)]);
    } finally {
      setBusy(false);
    }
  }

  function applyKey(event: FormEvent) {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key.startsWith(API_KEY_PREFIX)) {
      setMessages([`API keys start with ${API_KEY_PREFIX}`]);
      return;
    }
    setMessages([]);
    setApiKey('');
    session.useApiKey(key);
  }

  let content;
  if (resuming) {
    content = <span>Checking for a session…</span>;
  } else if (credential?.kind === 'bearer') {
    content = (
      <>
        <span className="steward-status">Signed in</span>
        <button type="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </>
    );
  } else if (credential?.kind === 'apiKey') {
    content = (
      <>
        <span className="steward-status">Using API key {credential.key.slice(0, 8)}…</span>
        <button type="button" onClick={() => session.forgetApiKey()}>
          Forget key
        </button>
      </>
    );
  } else {
    content = (
      <>
        <form onSubmit={signIn}>
          <input type="email" placeholder="Email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <input
            type="password"
            placeholder="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            Sign in
          </button>
        </form>
        <span className="steward-or">or</span>
        <form onSubmit={applyKey}>
          <input
            type="password"
            placeholder="Paste an API key (stw_…)"
            autoComplete="off"
            required
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
          />
          <button type="submit">Use key</button>
        </form>
      </>
    );
  }

  return (
    <header className="steward-topbar">
      <a className="steward-brand" href="/" title="Back to the Steward app">
        <span className="steward-mark" aria-hidden="true">
          S
        </span>
        <span>Steward</span>
      </a>
      <span className="steward-product">GraphiQL</span>
      <a className="steward-back" href="/">
        ← Back to the app
      </a>
      <div className="steward-auth">
        {content}
        {messages.length > 0 && (
          <span className="steward-error" role="alert">
            {messages.join(' · ')}
          </span>
        )}
      </div>
    </header>
  );
}

const root = document.getElementById('graphiql')!;
createRoot(root).render(<App endpoint={root.dataset.endpoint ?? '/graphql'} />);
