/**
 * The Teams activity handler: converts each activity, asks the core for a Reply and sends the card.
 * It holds no rules of its own beyond Teams protocol (who sent it, where, which invoke).
 */
import {
  ActivityTypes,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { type HandlerDeps, handleMessage } from '../core/handle.js';
import { resolveLocale } from '../core/i18n/resolve-locale.js';
import type { InboundMessage, Reply } from '../core/reply.js';
import {
  type MessagePayload,
  messageActionToInbound,
  type SearchQueryValue,
  searchToInbound,
} from './inbound.js';
import { answerMessage, codesOf, logTurn, type MessageDeps } from './message.js';
import { extensionResult, type RenderableReply, replyMessage } from './outbound.js';

/** what the Teams bot needs from the rest of the app: the core, the logger and the shared state */
export type TeamsBotDeps = MessageDeps;

/** the aadsts bot for personal chats, group chats, channels and message extensions */
export class AadstsTeamsBot extends TeamsActivityHandler {
  readonly #deps: TeamsBotDeps;

  constructor(deps: TeamsBotDeps) {
    super();
    this.#deps = deps;

    // Teams sends installationUpdate once per install; conversationUpdate also fires for every
    // member change, so the welcome card hangs on installation only.
    this.onInstallationUpdateAdd(async (context, next) => {
      // "add-upgrade" is an update of an installed app: no second welcome.
      if (context.activity.action !== 'add') {
        await next();
        return;
      }
      const locale = resolveLocale(context.activity.locale);
      await context.sendActivity(replyMessage({ kind: 'help', locale, reason: 'welcome' }));
      this.#log(context, 'teams.install', 'welcomed', []);
      await next();
    });
  }

  /**
   * A message goes straight to answerMessage. It is the only message handler, so the handler's
   * dispatch chain (turn handlers, message handlers, the default next step, none of which do
   * anything else for a message) would only add a few promises per turn. Every other activity
   * takes the usual way.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context?.activity?.type === ActivityTypes.Message) {
      await answerMessage(context, this.#deps);
      return;
    }
    await super.run(context);
  }

  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const inbound = searchToInbound(query as SearchQueryValue, context.activity.locale);
    const reply = this.#handle(inbound);
    const shown = renderable(reply, context.activity.locale);
    this.#log(context, 'teams.search', 'answered', codesOf(shown));
    return extensionResult(shown);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const payload = action.messagePayload as MessagePayload | undefined;
    const inbound = messageActionToInbound(payload, action.data, context.activity.locale);
    const reply = this.#handle(inbound);
    const shown = renderable(reply, context.activity.locale);
    this.#log(context, 'teams.action', 'answered', codesOf(shown));
    return extensionResult(shown);
  }

  #handle(inbound: InboundMessage): Reply {
    return handleMessage(inbound, this.#handlerDeps());
  }

  #handlerDeps(): HandlerDeps {
    const { catalog, orgContacts } = this.#deps;
    return orgContacts ? { catalog, orgContacts } : { catalog };
  }

  #log(context: TurnContext, event: string, outcome: string, codes: number[]): void {
    logTurn(this.#deps.logger, context.activity, outcome, { event, codes });
  }
}

/** message extensions must always answer with something; a silent reply becomes the help card */
function renderable(reply: Reply, locale: string | undefined): RenderableReply {
  return reply.kind === 'none'
    ? { kind: 'help', locale: resolveLocale(locale), reason: 'no-code' }
    : reply;
}
