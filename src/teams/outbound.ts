/**
 * Turns the core's Reply into what Teams expects: a message with one Adaptive Card attachment, or a
 * message extension result with a preview. The card itself comes from src/render.
 *
 * Message extension responses: https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 */
import {
  type Activity,
  type Attachment,
  CardFactory,
  MessageFactory,
  type MessagingExtensionActionResponse,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { type RenderableReply, toAdaptiveCard, toCardPreview } from '../render/adaptive-card.js';

export type { RenderableReply };

/** the card attachment of a reply */
export function cardAttachment(reply: RenderableReply): Attachment {
  return CardFactory.adaptiveCard(toAdaptiveCard(reply));
}

/** a chat message holding the reply's card; the preview text doubles as the notification text */
export function replyMessage(reply: RenderableReply): Partial<Activity> {
  const message = MessageFactory.attachment(cardAttachment(reply));
  message.summary = toCardPreview(reply).title;
  return message;
}

/** a card with its list preview, as message extensions return it */
function resultAttachment(reply: RenderableReply): Attachment & { preview: Attachment } {
  const preview = toCardPreview(reply);
  return {
    ...cardAttachment(reply),
    preview: CardFactory.thumbnailCard(preview.title, preview.text),
  };
}

/**
 * The answer to a search query or a message action: one result card. For a search Teams lists it
 * with its preview; for an action it inserts the card into the compose box.
 */
export function extensionResult(
  reply: RenderableReply,
): MessagingExtensionResponse & MessagingExtensionActionResponse {
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: [resultAttachment(reply)],
    },
  };
}
