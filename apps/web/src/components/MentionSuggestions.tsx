import { useEffect, useState } from 'react';
import { useClient } from 'urql';

const SEARCH = `query Mention($q: String!) { searchPeople(query: $q, first: 5) { edges { node { id uid displayName jobTitle } } } }`;

export interface Suggestion {
  id: string;
  uid: string;
  displayName: string;
  jobTitle: string | null;
}

/** The @word being typed at the caret, if any ("@jan" → "jan"). */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{N}._-]{2,40})$/u.exec(before);
  return m ? { start: caret - m[2].length - 1, query: m[2] } : null;
}

/** People for an @mention, from the staff search (so typos and tussenvoegsels work here too). */
export function useMentionSuggestions(query: string | null): Suggestion[] {
  const client = useClient();
  const [items, setItems] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (!query) return setItems([]);
    let current = true;
    const timer = window.setTimeout(async () => {
      const res = await client.query<{ searchPeople: { edges: { node: Suggestion }[] } }>(SEARCH, { q: query }).toPromise();
      if (current && res.data) setItems(res.data.searchPeople.edges.map((e) => e.node).filter((p) => p.uid));
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);
  return items;
}

const HASHTAGS = `query HashtagSuggest($p: String!) { hashtagSuggestions(prefix: $p, first: 6) { tag uses } }`;

export interface TagSuggestion {
  tag: string;
  uses: number;
}

/** The #word being typed at the caret, if any ("#inno" → "inno"); same characters as the server's hashtags. */
export function hashtagAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]{1,100})$/u.exec(before);
  return m ? { start: caret - m[2].length - 1, query: m[2] } : null;
}

/** Hashtags already in use that start with the query (only from messages the reader may see). */
export function useHashtagSuggestions(query: string | null): TagSuggestion[] {
  const client = useClient();
  const [items, setItems] = useState<TagSuggestion[]>([]);
  useEffect(() => {
    if (!query) return setItems([]);
    let current = true;
    const timer = window.setTimeout(async () => {
      const res = await client.query<{ hashtagSuggestions: TagSuggestion[] }>(HASHTAGS, { p: query }, { requestPolicy: 'network-only' }).toPromise();
      if (current && res.data) setItems(res.data.hashtagSuggestions);
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);
  return items;
}
