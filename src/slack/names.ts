/** names shared by the code and manifest/slack/manifest.yml; the manifest test keeps them in step */

/** the slash command */
export const COMMAND = '/aadsts';
/** the message shortcut's callback_id */
export const SHORTCUT_CALLBACK_ID = 'explain_error';
/** the share button's action_id (set by the Block Kit renderer) */
export const SHARE_ACTION_ID = 'share_in_channel';
/** the action_id of the renderer's "look up on Microsoft" link button, which still needs an ack */
export const LOOKUP_ACTION_ID = 'lookup_on_microsoft';
/** the path Slack posts events, commands and interactions to */
export const SLACK_EVENTS_PATH = '/slack/events';
