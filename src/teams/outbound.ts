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

/** the answer to a search query: one result card */
export function searchResponse(reply: RenderableReply): MessagingExtensionResponse {
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: [resultAttachment(reply)],
    },
  };
}

/** the answer to a message action: the card to insert into the compose box */
export function actionResponse(reply: RenderableReply): MessagingExtensionActionResponse {
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: [resultAttachment(reply)],
    },
  };
}
