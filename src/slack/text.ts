/**
 * Slack text helpers. Slack sends text encoded (`&lt;`, `<@U…>`, `<!channel>`, `<url|label>`); the core
 * undoes that encoding itself (encoding 'slack'), so here only the bot's own mention is removed.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */

// user ids are upper-case letters and digits; the optional "|name" is the legacy label form
const MENTION = /<@([A-Z0-9]{1,32})(?:\|[^>]{0,100})?>/g;

/** true when the encoded text mentions the given user */
export function mentionsUser(text: string, userId: string | undefined): boolean {
  // most messages mention nobody: no regex for them
  if (!userId || !text.includes('<@')) return false;
  for (const match of text.matchAll(MENTION)) if (match[1] === userId) return true;
  return false;
}

/** removes mentions of the bot so "@aadsts 53003" reads as "53003" */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  if (!text.includes('<@')) return text.trim();
  return text.replace(MENTION, (whole, id: string) => (id === botUserId ? ' ' : whole)).trim();
}
