import type { RpcEndpoint } from './endpoint.js';

/** What is known about a connection, whichever transport carries it. */
export interface ConnectionInfo {
  /** `json` for OCPP-J (WebSocket), `soap` for OCPP-S. */
  readonly transport: 'json' | 'soap';
  /** The agreed subprotocol, e.g. `ocpp1.6`. */
  readonly protocol: string;
  /** The peer's address, when the platform tells it. */
  readonly remoteAddress?: string;
  /** When the connection was accepted (clock milliseconds). */
  readonly connectedAt: number;
  /** The OCPP security profile the connection satisfies: 0 none, 1 Basic, 2 TLS + Basic, 3 TLS client certificate. */
  readonly securityProfile?: 0 | 1 | 2 | 3;
}

/** A charge point's connection as a central system's listener accepted it. */
export interface IncomingConnection {
  /** The charge point identity, decoded and validated. */
  readonly identity: string;
  readonly info: ConnectionInfo;
  /** Starts delivering the connection's messages to `endpoint` and lets it send. */
  attach(endpoint: RpcEndpoint): void;
  /** Closes the connection. */
  close(code?: number, reason?: string): void;
  /** Calls `callback` once when the connection has closed, for whatever reason. */
  onClose(callback: (code: number, reason: string) => void): void;
}

/** A source of incoming charge point connections: a WebSocket server, a SOAP server, ... */
export interface ConnectionListener {
  /** Calls `callback` for every accepted connection; returns the function that stops it. */
  onConnection(callback: (connection: IncomingConnection) => void): () => void;
  /** Stops accepting and closes the open connections; resolves when they are closed. */
  close(): Promise<void>;
}

/** The link a charge point keeps to its central system. */
export interface ChargePointTransport {
  /**
   * Connects and attaches `endpoint` to every connection made; resolves when the first one is
   * open. With reconnection on, failures are retried until {@link ChargePointTransport.close}.
   */
  open(endpoint: RpcEndpoint): Promise<void>;
  /** Closes the connection and stops reconnecting. */
  close(): Promise<void>;
}
