/** The few parts of the untyped `smpp` package (0.5.1) Tashil uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(fields?: Record<string, unknown>): PDU;
  }

  export interface Session extends EventEmitter {
    socket: import('node:net').Socket;
    send(pdu: PDU, responseCallback?: (resp: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    bind_transceiver(fields: Record<string, unknown>, callback?: (resp: PDU) => void): boolean;
    submit_sm(fields: Record<string, unknown>, callback?: (resp: PDU) => void): boolean;
    deliver_sm(fields: Record<string, unknown>, callback?: (resp: PDU) => void): boolean;
    unbind(fields?: Record<string, unknown>, callback?: (resp: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: { host: string; port: number; tls?: boolean; auto_enquire_link_period?: number; [k: string]: unknown }, listener?: () => void): Session;
  export function createServer(listener: (session: Session) => void): Server;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;

  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RSYSERR: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RMSGQFUL: number;
  export const errors: Record<string, number>;
  const smpp: {
    connect: typeof connect;
    createServer: typeof createServer;
    errors: Record<string, number>;
    ESME_ROK: number;
    ESME_RBINDFAIL: number;
    ESME_RSYSERR: number;
    ESME_RINVDSTADR: number;
    ESME_RTHROTTLED: number;
    ESME_RMSGQFUL: number;
  };
  export default smpp;
}
