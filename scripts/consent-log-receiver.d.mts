export declare const RECEIVER_TOKEN: string;
export interface Receiver {
  readonly url: string;
  readonly token: string;
  readonly pid: number | undefined;
  start(): Promise<void>;
  /** SIGKILL: the receiver dies as a crash would kill it. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  history(recordId: string): Promise<{ method: string; updatedAt: number; pageUrl: string; withdrawn: string[]; textsHash: string; [key: string]: unknown }[]>;
}
export declare function receiver(options: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  origins?: string;
  env?: Record<string, string>;
}): Receiver;
