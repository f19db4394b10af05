// The Clusters view's state outside React: the kubeconfig contexts, the live connection and its
// model (fed by `cluster-event` batches). It lives as long as the app, so switching to another
// tab keeps the cluster live; closing the Clusters tab disconnects. The view reads snapshots
// (useSyncExternalStore); the model's maps are mutated in place and `version` says when.
import type { Api } from "./api";
import type { ClusterConnected, ClusterContexts, ClusterEventMessage, LiveLinkOpen } from "./generated/types";
import { applyMessage, emptyModel, type ClusterModel } from "./clusters-model";

export interface ClustersSnapshot {
  contexts: ClusterContexts | null;
  connected: ClusterConnected | null;
  /** The context being connected to. */
  connecting: string | null;
  /** Why the last connect failed. */
  error: { context: string; message: string; hint: string } | null;
  model: ClusterModel | null;
  version: number;
  /** A live link from Terraform being opened (Link IaC to live): what to select, or the
   * "Add cloud cluster" form to start with. `seq` tells a new request from an old one. */
  link: (LiveLinkOpen & { seq: number }) | null;
}

export class ClustersController {
  private snap: ClustersSnapshot = { contexts: null, connected: null, connecting: null, error: null, model: null, version: 0, link: null };
  private linkSeq = 0;
  private listeners = new Set<() => void>();
  /** Batches that arrived before `connectCluster` answered with their connection's id. */
  private early: ClusterEventMessage[] = [];

  constructor(
    private api: Api,
    private onError: (err: unknown) => void,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snap;

  private set(update: Partial<ClustersSnapshot>) {
    this.snap = { ...this.snap, ...update };
    this.listeners.forEach((l) => l());
  }

  /** Subscribes to cluster events; returns the unsubscribe. */
  listen(): () => void {
    const off = this.api.onClusterEvent((msg) => this.receive(msg));
    return () => void off.then((unlisten) => unlisten());
  }

  receive(msg: ClusterEventMessage) {
    const model = this.snap.model;
    if (!model) {
      if (this.snap.connecting) this.early.push(msg);
      return;
    }
    if (applyMessage(model, msg)) this.set({ version: model.version });
  }

  async loadContexts() {
    try {
      this.set({ contexts: await this.api.clusterContexts() });
    } catch (err) {
      this.onError(err);
    }
  }

  async connect(context: string) {
    this.early = [];
    this.set({ connecting: context, error: null, connected: null, model: null });
    try {
      const connected = await this.api.connectCluster(context);
      const model = emptyModel(connected.connection);
      for (const msg of this.early) applyMessage(model, msg);
      this.early = [];
      this.set({ connected, connecting: null, model, version: model.version });
    } catch (err) {
      const e = err as { message?: string; hint?: string };
      this.set({ connecting: null, error: { context, message: e.message ?? String(err), hint: e.hint ?? "" } });
    }
  }

  /** Opens a live link: connects to its context unless already there, then the view selects
   * its object; without a context the view opens "Add cloud cluster" pre-filled. */
  async openLink(open: LiveLinkOpen) {
    this.set({ link: { ...open, seq: ++this.linkSeq } });
    if (open.context && this.snap.connected?.context !== open.context) await this.connect(open.context);
  }

  clearLink() {
    if (this.snap.link) this.set({ link: null });
  }

  async disconnect() {
    this.set({ connected: null, model: null, connecting: null });
    try {
      await this.api.disconnectCluster();
    } catch (err) {
      this.onError(err);
    }
  }
}
