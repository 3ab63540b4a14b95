/** GraphQL fields and type of a message's poll (the message card and the poll component agree on them). */
export const POLL_FIELDS = `id messageId multipleChoice anonymous resultsVisibility closesAt closed resultsVisible totalVoters myVoteOptionIds moderationState
  options { id label position votes }`;

export interface PollData {
  id: string;
  messageId: string;
  multipleChoice: boolean;
  anonymous: boolean;
  resultsVisibility: 'AFTER_VOTE' | 'AFTER_CLOSE';
  closesAt: string;
  closed: boolean;
  resultsVisible: boolean;
  totalVoters: number | null;
  myVoteOptionIds: string[];
  moderationState: string;
  options: { id: string; label: string; position: number; votes: number | null }[];
}
