import { GraphQLError, print, subscribe, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { parseGlobalId, toGlobalId } from '../../../graphql/global-id';
import type { AppServices, Credentials } from '../../../scope';
import { LIVE_CLOSE, openScopeWaiting, type LiveConnection, type LiveContext } from './live-stream';

/** One subscriber of an audience: its own queue of answers, so that a slow socket holds back nobody else. */
class Member implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  /** Events this member was handed by its catch-up: not handed again when the audience's stream brings them. */
  private seen: Set<string> | null = null;
  /** Answers of the audience held while the catch-up runs (they come after it). */
  private held: ExecutionResult[] | null = null;

  constructor(
    readonly live: LiveConnection,
    private readonly leave: (member: Member) => void,
  ) {}

  /** Takes one answer of the audience's stream; false when the member is gone (too slow or ended). */
  offer(result: ExecutionResult): boolean {
    if (this.ended) return false;
    if (this.held) {
      this.held.push(result);
      return true;
    }
    const eventId = (result.extensions as { eventId?: string } | undefined)?.eventId;
    if (this.seen && eventId && this.seen.has(eventId)) return true;
    if (this.queue.length >= this.live.maxQueued || this.live.backlogged()) {
      this.live.close(LIVE_CLOSE.TOO_SLOW, 'Too slow: events were not read in time; reconnect and catch up');
      this.end();
      return false;
    }
    this.queue.push(result);
    this.wake?.();
    return true;
  }

  /** Hands out the catch-up's answers first, then what the audience brought meanwhile, without the same event twice. */
  async catchUp(replay: AsyncIterable<ExecutionResult>): Promise<void> {
    try {
      for await (const result of replay) {
        const eventId = (result.extensions as { eventId?: string } | undefined)?.eventId;
        if (eventId) this.seen?.add(eventId);
        if (this.ended) return;
        this.queue.push(result);
        this.wake?.();
      }
    } finally {
      const held = this.held ?? [];
      this.held = null;
      for (const result of held) this.offer(result);
    }
  }

  /** From now on the audience's answers wait until the catch-up was handed out. */
  holdForCatchUp(): void {
    this.held = [];
    this.seen = new Set();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.leave(this);
    this.wake?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      const result = this.queue.shift();
      if (result) return { value: result, done: false };
      if (this.ended) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** The subscribers of one operation with one set of credentials in this process, served by one stream. */
class Audience {
  readonly members = new Set<Member>();
  /** The stream's context: its scope is replaced for every batch of events (liveStream). */
  context: LiveContext | null = null;
  source: AsyncGenerator<ExecutionResult> | null = null;
  /** Events read and executed for this audience (tests and the bench). */
  delivered = 0;

  constructor(readonly key: string) {}

  /** Whoever is still subscribed lends the stream its credentials (they are the same credentials). */
  get credentials(): Credentials {
    const first = this.members.values().next().value as Member | undefined;
    return first?.live.credentials ?? { kind: 'anonymous' };
  }
}

/** Who the credentials are, as far as what they may see goes: the same key, the same answers. */
function credentialsKey(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'user':
      return `user:${credentials.tenantId}:${credentials.userId}:${credentials.sessionFamilyId}`;
    case 'apiKey':
      return `key:${credentials.keyHash}`;
    default:
      return 'anonymous';
  }
}

export interface FanoutStats {
  audiences: number;
  subscribers: number;
  /** Answers executed so far (once per audience per event). */
  executed: number;
}

/**
 * Serves every subscription of this process through one stream per audience: the subscribers holding the
 * same credentials (hence the same role, permissions and rows: RLS and the field rules decide alike) and
 * running the same operation with the same variables. The audience's stream reads each batch of events
 * once, in one transaction of the tenant under those credentials (liveStream), executes the operation once
 * (field rules included) and hands the same answer to each of its subscribers, each with a queue of its own
 * (a slow socket is still closed with TOO_SLOW). A subscriber that brings `resumeAfter` is first handed the
 * events of the log it missed, then the audience's, each event once.
 */
export class LiveFanout {
  private readonly audiences = new Map<string, Audience>();
  private executed = 0;

  constructor(private readonly app: AppServices) {}

  stats(): FanoutStats {
    let subscribers = 0;
    for (const a of this.audiences.values()) subscribers += a.members.size;
    return { audiences: this.audiences.size, subscribers, executed: this.executed };
  }

  /** graphql-ws's subscribe: `args.contextValue` carries the connection (`live`), not yet a scope. */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const base = args.contextValue as LiveContext & { resumeAfter?: string | null };
    const live = base.live!;
    const resumeAfter = base.resumeAfter ?? null;
    const key = JSON.stringify([credentialsKey(live.credentials), args.operationName ?? null, print(args.document), args.variableValues ?? null]);
    const found = this.audiences.get(key);
    const audience = found ?? new Audience(key);
    const member = new Member(live, (m) => this.leave(audience, m));
    audience.members.add(member);
    let refused: ExecutionResult | null;
    if (!found) {
      this.audiences.set(key, audience);
      refused = await this.start(audience, args);
    } else refused = audience.source ? null : await this.started(audience);
    if (refused) {
      member.end();
      return refused;
    }
    if (resumeAfter) {
      member.holdForCatchUp();
      void this.replay(args, live, resumeAfter, member);
    }
    return member;
  }

  private readonly waiting = new Map<Audience, ((refused: ExecutionResult | null) => void)[]>();

  /** Resolves once the audience's stream exists (or was refused) for a member that joined while it started. */
  private started(audience: Audience): Promise<ExecutionResult | null> {
    return new Promise((resolve) => {
      const list = this.waiting.get(audience) ?? [];
      list.push(resolve);
      this.waiting.set(audience, list);
    });
  }

  private async context(base: LiveContext, live: LiveConnection): Promise<LiveContext | ExecutionResult> {
    const scope = await openScopeWaiting(this.app, live.credentials, live.readWaitMs);
    if (scope === 'busy') return { errors: [unavailable()] } as ExecutionResult;
    if (!scope) {
      live.close(LIVE_CLOSE.UNAUTHORIZED, 'The credentials are no longer valid: reconnect with fresh ones');
      return { errors: [] };
    }
    // Only the caller is needed to subscribe: each batch of events brings a transaction of its own (liveStream).
    await scope.tx.rollback();
    return Object.assign(scope, { ip: base.ip, userAgent: base.userAgent, live }) as LiveContext;
  }

  private async start(audience: Audience, args: ExecutionArgs): Promise<ExecutionResult | null> {
    const base = args.contextValue as LiveContext;
    const first = base.live!;
    // The stream's connection: the audience's credentials, and a close that reaches every subscriber.
    const shared: LiveConnection = {
      hub: first.hub,
      get credentials() {
        return audience.credentials;
      },
      // The stream's own queue waits on the database, not on a socket: bounded all the same, far above a subscriber's.
      maxQueued: first.maxQueued * 50,
      backlogged: () => false,
      close: (code, reason) => {
        for (const m of [...audience.members]) {
          m.live.close(code, reason);
          m.end();
        }
      },
      readWaitMs: first.readWaitMs,
    };
    let refused: ExecutionResult | null = null;
    try {
      const context = await this.context(base, shared);
      if (!('caller' in context)) refused = context;
      else {
        audience.context = context;
        const source = await subscribe({ ...args, contextValue: context });
        if (Symbol.asyncIterator in source) audience.source = source as AsyncGenerator<ExecutionResult>;
        else refused = source;
      }
    } catch (error) {
      this.app.log.error({ err: error }, 'a live audience could not start');
      refused = { errors: [unavailable()] } as ExecutionResult;
    }
    for (const resolve of this.waiting.get(audience) ?? []) resolve(refused);
    this.waiting.delete(audience);
    if (refused) {
      this.audiences.delete(audience.key);
      return refused;
    }
    if (audience.members.size === 0) {
      // Everyone left while it started: end it now rather than at the tenant's next event.
      void audience.source?.return(undefined);
      return null;
    }
    void this.pump(audience);
    return null;
  }

  /** Executes each event once for the audience and offers the answer to each subscriber. */
  private async pump(audience: Audience): Promise<void> {
    const source = audience.source!;
    try {
      for await (const result of source) {
        const eventId = audience.context?.liveEventId;
        const answer: ExecutionResult = eventId ? { ...result, extensions: { ...result.extensions, eventId: toGlobalId('DomainEvent', eventId) } } : result;
        audience.delivered++;
        this.executed++;
        for (const member of [...audience.members]) member.offer(answer);
        if (audience.members.size === 0) break;
      }
    } catch (error) {
      this.app.log.error({ err: error }, 'a live audience stream failed');
      for (const member of [...audience.members]) member.offer({ errors: [unavailable()] } as ExecutionResult);
    } finally {
      for (const member of [...audience.members]) member.end();
      if (this.audiences.get(audience.key) === audience) this.audiences.delete(audience.key);
    }
  }

  private leave(audience: Audience, member: Member): void {
    audience.members.delete(member);
    if (audience.members.size > 0) return;
    if (this.audiences.get(audience.key) === audience) this.audiences.delete(audience.key);
    void audience.source?.return(undefined);
  }

  /** The events `member` missed since `after` (a DomainEvent global id or uuid), through the same operation under its credentials. */
  private async replay(args: ExecutionArgs, live: LiveConnection, after: string, member: Member): Promise<void> {
    const base = args.contextValue as LiveContext;
    const uuid = parseGlobalId(after)?.id ?? after;
    const own: LiveConnection = { ...live, replayAfter: uuid, close: (code, reason) => live.close(code, reason) };
    Object.defineProperty(own, 'credentials', { get: () => live.credentials });
    try {
      const context = await this.context(base, own);
      if (!('caller' in context)) return await member.catchUp(once(context));
      const stream = await subscribe({ ...args, contextValue: context });
      if (!(Symbol.asyncIterator in stream)) return await member.catchUp(once(stream));
      const source = stream as AsyncGenerator<ExecutionResult>;
      await member.catchUp(
        (async function* () {
          for await (const result of source) {
            const eventId = context.liveEventId;
            yield eventId ? { ...result, extensions: { ...result.extensions, eventId: toGlobalId('DomainEvent', eventId) } } : result;
          }
        })(),
      );
    } catch (error) {
      this.app.log.error({ err: error }, 'a live catch-up failed');
      await member.catchUp(once({ errors: [unavailable()] } as ExecutionResult));
    }
  }
}

async function* once(result: ExecutionResult): AsyncGenerator<ExecutionResult> {
  if (result.errors?.length || result.data) yield result;
}

function unavailable(): GraphQLError {
  return new GraphQLError('Live events could not be read in time (the database was busy); catch up with domainEvents', { extensions: { code: 'UNAVAILABLE' } });
}
