import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { graphql, type ResultOf } from '../lib/gql.js';

const SEARCH = graphql(`query Mention($q: String!) { searchPeople(query: $q, first: 5) { edges { node { id uid displayName jobTitle } } } }`);

type Found = ResultOf<typeof SEARCH>['searchPeople']['edges'][number]['node'];
/** A person who can be mentioned (has a login name). */
export type Suggestion = Found & { uid: string };

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
      const res = await client.query(SEARCH, { q: query }).toPromise();
      if (current && res.data) setItems(res.data.searchPeople.edges.map((e) => e.node).filter((p): p is Suggestion => !!p.uid));
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);
  return items;
}

const HASHTAGS = graphql(`query HashtagSuggest($p: String!) { hashtagSuggestions(prefix: $p, first: 6) { tag uses } }`);

export type TagSuggestion = ResultOf<typeof HASHTAGS>['hashtagSuggestions'][number];

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
      const res = await client.query(HASHTAGS, { p: query }).toPromise();
      if (current && res.data) setItems(res.data.hashtagSuggestions);
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);
  return items;
}
