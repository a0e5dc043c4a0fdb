import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import type { Bindings } from "../worker/bindings.ts";
import { sessionRefusal } from "../worker/lib/errors.ts";
import type { Role } from "../worker/lib/tokens.ts";
import type { SessionClaims } from "../worker/platform/session.ts";
import { clientMessageSchema, maxClientFrameBytes, type Unversioned } from "./messages.ts";

export const identityHeaders = {
  user: "x-royal-user",
  session: "x-royal-session",
  epoch: "x-royal-epoch",
  role: "x-royal-role",
} as const;

/** The verified ticket's claims, as the worker passed them on with the upgrade. */
export function claimsOf(request: Request): SessionClaims {
  const headers = request.headers;
  const session = headers.get(identityHeaders.session);
  return {
    userId: headers.get(identityHeaders.user) ?? "",
    role: (headers.get(identityHeaders.role) ?? "customer") as Role,
    epoch: Number(headers.get(identityHeaders.epoch) ?? 0),
    sessionId: session && session !== "none" ? session : null,
  };
}

/** Close codes: the socket's session ended (sign-out, deactivation), or its role no longer admits it. */
export const closeCodes = { sessionEnded: 4001, forbidden: 4003 } as const;

/**
 * Runs a room's first read for a new socket; if the session check that rode with it refused the
 * socket's session, closes the socket instead (and answers undefined). A socket that passed is marked
 * checked: until then (the socket is open during the read) it receives none of the room's messages.
 */
export async function forLiveSession<T>(connection: Connection, read: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await read();
    connection.setState({ checked: true });
    return result;
  } catch (error) {
    const refused = sessionRefusal(error);
    if (!refused) throw error;
    connection.close(
      refused.code === "forbidden" ? closeCodes.forbidden : closeCodes.sessionEnded,
      refused.code === "forbidden" ? "not allowed" : "session ended",
    );
    return undefined;
  }
}

/**
 * What every room of the shop shares: hibernation, a persisted message version, the identity of
 * each socket as tags, a ping for clock sync, and strict handling of what clients send.
 */
export abstract class ShopRoom<Message extends { version: number }> extends Server<Bindings> {
  static options = { hibernate: true };
  protected version = 0;

  async onStart() {
    this.version = (await this.ctx.storage.get<number>("version")) ?? 0;
  }

  getConnectionTags(_connection: Connection, context: ConnectionContext): string[] {
    const user = context.request.headers.get(identityHeaders.user);
    const session = context.request.headers.get(identityHeaders.session);
    return [user ? `user:${user}` : "user:anonymous", session ? `session:${session}` : "session:none"];
  }

  onMessage(connection: Connection, message: WSMessage) {
    const size = typeof message === "string" ? message.length : message.byteLength;
    if (size > maxClientFrameBytes) {
      connection.close(1009, "frame too large");
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof message === "string" ? message : new TextDecoder().decode(message));
    } catch {
      parsed = undefined;
    }
    if (!clientMessageSchema.safeParse(parsed).success) {
      const error = {
        type: "error",
        code: "bad_message",
        message: 'Send JSON {"type":"ping"}; nothing else is accepted.',
      };
      this.sendTo(connection, this.stamp(error as unknown as Unversioned<Message>));
      return;
    }
    const pong = { type: "pong", serverTime: new Date().toISOString() };
    this.sendTo(connection, this.stamp(pong as unknown as Unversioned<Message>));
  }

  /** Stamps the current version on a message (versions grow only when state is broadcast). */
  protected stamp(message: Unversioned<Message>): Message {
    return { ...message, version: this.version } as unknown as Message;
  }

  /** Whether a socket receives the room's messages (rooms behind a session check: once checked). */
  protected receives(_connection: Connection): boolean {
    return true;
  }

  protected async broadcastNext(message: Unversioned<Message>): Promise<number> {
    this.version += 1;
    await this.ctx.storage.put("version", this.version);
    const text = JSON.stringify({ ...message, version: this.version });
    for (const connection of this.getConnections()) {
      if (connection.readyState === WebSocket.OPEN && this.receives(connection)) connection.send(text);
    }
    return this.version;
  }

  /** Sends to one socket; one that closed meanwhile (say, while a snapshot was read) is skipped. */
  protected sendTo(connection: Connection, message: Message) {
    if (connection.readyState !== WebSocket.OPEN) return;
    connection.send(JSON.stringify(message));
  }

  /** Closes the sockets of a session (logout) or of a user (deactivation). */
  async disconnect(target: { sessionId: string } | { userId: string }, reason: string): Promise<number> {
    const tag = "sessionId" in target ? `session:${target.sessionId}` : `user:${target.userId}`;
    let closed = 0;
    for (const connection of this.getConnections(tag)) {
      connection.close(closeCodes.sessionEnded, reason);
      closed += 1;
    }
    return closed;
  }
}

/** A room whose sockets are admitted by a session check on connect (see `forLiveSession`). */
export abstract class CheckedRoom<Message extends { version: number }> extends ShopRoom<Message> {
  protected receives(connection: Connection): boolean {
    return (connection.state as { checked?: boolean } | null)?.checked === true;
  }
}
