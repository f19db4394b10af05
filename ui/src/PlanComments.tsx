// Team comments on a run's plan in Plan Review (when connected to a team server): what
// teammates said about it, per resource change or the whole plan, and a field to add one. The
// comment is queued locally and sent by the background sync.
import { useCallback, useEffect, useState } from "react";
import type { Api } from "./api";
import type { TeamComment } from "./generated/types";

interface Props {
  api: Api;
  /** The local run the plan came from. */
  runId: number;
  /** The plan's resource addresses (a comment may be about one). */
  addresses: readonly string[];
  /** The last sync's time: comments are read again after it (a teammate's, or ours sent). */
  syncedAt: number | null;
  onError: (err: unknown) => void;
}

export function PlanComments({ api, runId, addresses, syncedAt, onError }: Props) {
  const [recordId, setRecordId] = useState<string | null>(null);
  const [comments, setComments] = useState<TeamComment[]>([]);
  const [address, setAddress] = useState("");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);

  const load = useCallback(
    (id: string) => api.teamComments(id).then(setComments, onError),
    [api, onError],
  );
  useEffect(() => {
    let live = true;
    api.teamRunRecordId(runId).then((id) => {
      if (!live) return;
      setRecordId(id);
      if (id) void load(id);
    }, onError);
    return () => {
      live = false;
    };
  }, [api, runId, load, onError, syncedAt]);

  if (!recordId) return null;
  const add = async () => {
    if (!text.trim()) return;
    setSending(true);
    try {
      await api.teamAddComment(recordId, address || null, text);
      setText("");
      await load(recordId);
    } catch (err) {
      onError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="plan-comments" data-testid="plan-comments">
      <span className="plan-comments-title">Team comments</span>
      {comments.map((c) => (
        <div key={c.id} className="team-comment" data-testid="plan-comment">
          {c.address && <code>{c.address}</code>} {c.text}
          {c.author_id === null && <span className="muted cred-small"> · not sent yet</span>}
        </div>
      ))}
      <form
        className="team-comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <select className="plan-search plan-comment-about" value={address} onChange={(e) => setAddress(e.target.value)} aria-label="About">
          <option value="">the whole plan</option>
          {addresses.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <input className="plan-search" placeholder="comment for your team" value={text} onChange={(e) => setText(e.target.value)} aria-label="Comment" data-testid="plan-comment-input" />
        <button className="small" type="submit" disabled={sending || !text.trim()} data-testid="plan-comment-add">
          Comment
        </button>
      </form>
    </div>
  );
}
